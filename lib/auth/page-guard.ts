/**
 * Guards for server components (pages and layouts).
 *
 *   const user = await requirePageUser("users.manage");
 *
 * Signed out → redirect to `/sign-in?next=<this page>`; signed in without the permission →
 * redirect to `/forbidden` ("You do not have permission"). `redirect()` throws, so code after the
 * call only runs for someone allowed.
 *
 * The page's own path is read from the `x-console-path` request header when the proxy
 * (lib/auth/proxy.ts) sets it; pages may also pass `returnTo` explicitly.
 */
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentUser } from "./current-user";
import { type Action, can } from "./permissions";
import { CONSOLE_PATH_HEADER, signInPath } from "./safe-next";
import type { SessionUser } from "./user-schemas";

export async function requirePageUser(
  action?: Action,
  options: { returnTo?: string } = {},
): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(options.returnTo ?? (await currentPath())));
  if (action && !can(user, action)) redirect(`/forbidden?action=${encodeURIComponent(action)}`);
  return user;
}

async function currentPath(): Promise<string | undefined> {
  const value = (await headers()).get(CONSOLE_PATH_HEADER);
  return value ?? undefined;
}
