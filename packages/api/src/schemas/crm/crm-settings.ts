import { z } from "zod";

export const crmSettingsUpdateInput = z.object({ ownRecordsOnly: z.boolean() });
