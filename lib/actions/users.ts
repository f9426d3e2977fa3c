"use server";
/**
 * Managing console users (admin only, "users.manage"): create with a role, change role,
 * disable/enable. Each change is audited with the person affected as the entry's subject.
 * The lock-out rules (one active admin at least, nobody disables themselves) live in
 * lib/auth/user-admin.ts so the CLI obeys them too.
 */
import {
  type ConsoleUser,
  createUser,
  findUserById,
  setUserDisabled,
  setUserRole,
} from "@/lib/auth/user-admin";
import {
  createUserInputSchema,
  setUserDisabledInputSchema,
  setUserRoleInputSchema,
} from "@/lib/auth/user-schemas";
import { AppError } from "@/lib/http/app-error";
import { defineAction } from "./define-action";

/** What the Users page shows about a user (dates as ISO strings). */
export type UserRow = Omit<ConsoleUser, "createdAt"> & { createdAt: string };

export const createUserAction = defineAction(
  { name: "users.create", permission: "users.manage", input: createUserInputSchema },
  async (ctx, input) => {
    const { user, generatedPassword } = await ctx.audit.run(
      {
        subject: `user:${input.email}`,
        changes: {
          email: { before: null, after: input.email },
          role: { before: null, after: input.role },
          ...(input.name ? { name: { before: null, after: input.name } } : {}),
        },
      },
      () => createUser(ctx.db, input),
    );
    // Shown once to the admin who created the user; never stored in clear or audited.
    return { user: toRow(user), generatedPassword: generatedPassword ?? null };
  },
);

export const setUserRoleAction = defineAction(
  { name: "users.setRole", permission: "users.manage", input: setUserRoleInputSchema },
  async (ctx, input) => {
    const target = await findUserById(ctx.db, input.userId);
    if (!target) throw new AppError("not_found", "That user no longer exists");
    if (target.role === input.role) return toRow(target);
    const { user } = await ctx.audit.run(
      { subject: `user:${target.email}`, changes: { role: { before: target.role, after: input.role } } },
      () => setUserRole(ctx.db, input),
    );
    return toRow(user);
  },
);

export const setUserDisabledAction = defineAction(
  { name: "users.setDisabled", permission: "users.manage", input: setUserDisabledInputSchema },
  async (ctx, input) => {
    const target = await findUserById(ctx.db, input.userId);
    if (!target) throw new AppError("not_found", "That user no longer exists");
    if (target.disabled === input.disabled) return toRow(target);
    const { user } = await ctx.audit.run(
      {
        subject: `user:${target.email}`,
        changes: { disabled: { before: target.disabled, after: input.disabled } },
      },
      () => setUserDisabled(ctx.db, { ...input, actorId: ctx.user.id }),
    );
    return toRow(user);
  },
);

function toRow(user: ConsoleUser): UserRow {
  return { ...user, createdAt: user.createdAt.toISOString() };
}
