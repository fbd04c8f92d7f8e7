import { z } from "zod";
import { socialNetworkSchema } from "./social-accounts";

export const suggestHashtagsInput = z.object({
  content: z.string().max(10_000),
  network: socialNetworkSchema.optional(),
});
export type SuggestHashtagsInput = z.infer<typeof suggestHashtagsInput>;
