import { createTRPCRouter } from "../../trpc/init";
import { archiveCustomField } from "./field-archive";
import { createCustomField } from "./field-create";
import { listCustomFields } from "./field-list";
import { reorderCustomFields } from "./field-reorder";
import { updateCustomField } from "./field-update";
import { getCrmSettings } from "./get";
import { updateCrmSettings } from "./update";

export const crmSettingsRouter = createTRPCRouter({
  get: getCrmSettings,
  update: updateCrmSettings,
  fieldList: listCustomFields,
  fieldCreate: createCustomField,
  fieldUpdate: updateCustomField,
  fieldArchive: archiveCustomField,
  fieldReorder: reorderCustomFields,
});
