import { z } from "zod";
import { emailSchema } from "./common";

export const passwordSchema = z.string().min(10, "Use at least 10 characters.").max(200, "Use at most 200 characters.");

/**
 * A path inside the app to return to ("/invite/…"), never another origin: the sign-up
 * confirmation link brings the person back there.
 */
export const returnPathSchema = z
  .string()
  .max(500)
  .refine((value) => value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") && !value.startsWith("/api/"), { message: "Not a page of this app." });

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(80),
  email: emailSchema,
  password: passwordSchema,
  returnTo: returnPathSchema.optional(),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({ email: emailSchema, password: z.string().min(1, "Enter your password.").max(200) });
export type SignInInput = z.infer<typeof signInInput>;

export const magicLinkInput = z.object({ email: emailSchema });

/** A link token from a mailed URL (base64url of 32 random bytes). */
export const linkTokenInput = z.object({ token: z.string().min(20, "This link is incomplete.").max(200, "This link is not valid.") });

/** Changing a password: the current one is required when the account has one (the API says which). */
export const changePasswordInput = z.object({
  currentPassword: z.string().max(200).optional(),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const sessionIdInput = z.object({ sessionId: z.uuid({ message: "Invalid session." }) });
