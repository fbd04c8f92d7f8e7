import type { ImportField, ImportMapping, ImportTarget } from "../../../schemas/crm/contact-import";

/** A contact custom field as the import sees it. */
export interface ImportCustomField {
  id: string;
  key: string;
  label: string;
  type: "TEXT" | "LONG_TEXT" | "NUMBER" | "CURRENCY" | "DATE" | "BOOLEAN" | "SINGLE_SELECT" | "MULTI_SELECT" | "URL" | "EMAIL" | "PHONE";
  options: { id: string; label: string }[];
}

/** Header spellings seen in CRM, newsletter and spreadsheet exports, compared after squash(). */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  firstName: ["firstname", "first", "givenname", "forename", "vorname", "prenom"],
  lastName: ["lastname", "last", "surname", "familyname", "nachname", "nom"],
  fullName: ["name", "fullname", "contactname", "contact", "person"],
  email: ["email", "emailaddress", "mail", "e-mail", "workemail", "primaryemail"],
  phone: ["phone", "phonenumber", "mobile", "mobilephone", "cell", "telephone", "tel", "workphone"],
  company: ["company", "companyname", "organization", "organisation", "account", "accountname", "employer", "firma"],
  companyDomain: ["website", "companywebsite", "domain", "companydomain", "url", "web"],
  jobTitle: ["jobtitle", "title", "position", "role", "job"],
  lifecycleStage: ["lifecyclestage", "lifecycle", "stage", "status", "leadstatus"],
  tags: ["tags", "tag", "labels", "label", "groups"],
  externalId: ["externalid", "id", "recordid", "contactid", "crmid", "customerid"],
  source: ["source", "leadsource", "origin", "channel"],
};

/** Lowercase letters and digits only: "E-mail Address" → "emailaddress". */
function squash(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * The mapping the wizard proposes: each header to the field whose spelling it matches (custom
 * fields by key or label first, so "Industry" reaches the organization's own field), each target
 * used once (the first column wins), anything unrecognized skipped.
 */
export function suggestMapping(headers: readonly string[], customFields: readonly ImportCustomField[]): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<ImportTarget>();
  headers.forEach((header, index) => {
    const h = squash(header);
    let target: ImportTarget | null = null;
    const custom = customFields.find((f) => squash(f.key) === h || squash(f.label) === h);
    if (custom) target = `custom:${custom.id}`;
    if (!target) {
      for (const [field, names] of Object.entries(SYNONYMS) as [ImportField, readonly string[]][]) {
        if (names.some((name) => squash(name) === h)) {
          target = field;
          break;
        }
      }
    }
    if (target && used.has(target)) target = null;
    if (target) used.add(target);
    mapping[String(index)] = target;
  });
  return mapping;
}
