-- Lead forms: an in-app alert kind for new leads, and the page a consent was given on.
ALTER TYPE "AlertKind" ADD VALUE 'LEAD_SUBMITTED';

ALTER TABLE "consent_records" ADD COLUMN "page_url" TEXT;
