/**
 * Inputs for managing console users, shared by the Users page forms, the server actions in
 * lib/actions/users.ts and the `npm run users` CLI, plus the shape of a signed-in user.
 */
import { z } from "zod";
import { roleSchema } from "./permissions";

export const PASSWORD_MIN = 12;
// better-auth refuses longer passwords at sign-in (emailAndPassword.maxPasswordLength default).
export const PASSWORD_MAX = 128;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(254, "Enter at most 254 characters"));

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

export const createUserInputSchema = z.object({
  email: emailSchema,
  name: optional(z.string().trim().max(100, "Enter at most 100 characters")),
  role: roleSchema,
  // Left empty, a strong password is generated and shown once.
  password: optional(passwordSchema),
});
export type CreateUserInput = z.output<typeof createUserInputSchema>;

export const userIdSchema = z.string().trim().min(1, "Pick a user").max(64);

export const setUserRoleInputSchema = z.object({ userId: userIdSchema, role: roleSchema });
export type SetUserRoleInput = z.output<typeof setUserRoleInputSchema>;

export const setUserDisabledInputSchema = z.object({ userId: userIdSchema, disabled: z.boolean() });
export type SetUserDisabledInput = z.output<typeof setUserDisabledInputSchema>;

/** What the console knows about the person behind a request. */
export const sessionUserSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
});
export type SessionUser = z.output<typeof sessionUserSchema>;
