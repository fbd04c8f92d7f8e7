-- AlterTable
ALTER TABLE "post_targets" ADD COLUMN     "tiktok_privacy_level" TEXT;
