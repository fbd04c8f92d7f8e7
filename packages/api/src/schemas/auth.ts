import { z } from "zod";
import { emailSchema } from "./common";

export const passwordSchema = z.string().min(10, "Use at least 10 characters.").max(200, "Use at most 200 characters.");

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(80),
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({ email: emailSchema, password: z.string().min(1, "Enter your password.").max(200) });
export type SignInInput = z.infer<typeof signInInput>;

export const magicLinkInput = z.object({ email: emailSchema });
