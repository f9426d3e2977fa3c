import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { safeNextPath } from "@/lib/auth/safe-next";
import { countUsers } from "@/lib/auth/user-admin";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/get-db";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const next = safeNextPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  const { mode } = getConfig();
  // Outside sandbox mode nobody exists until an operator creates the first admin on the server.
  const noUsersYet = mode === "kore" && (await countUsers(await getDb())) === 0;

  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold tracking-tight">Sign in</h1>
      {noUsersYet ? (
        <p className="rounded-md border border-border bg-muted p-3 text-sm">
          No users exist yet. On the console&apos;s server, create the first admin with{" "}
          <code className="font-mono text-xs">npm run users -- add --email you@example.com --role admin</code>
          .
        </p>
      ) : null}
      <SignInForm next={next} />
      {mode === "sandbox" ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-muted-foreground">Sandbox demo accounts</summary>
          <table className="mt-2 w-full text-left text-xs">
            <caption className="sr-only">Demo accounts of the sandbox, one per role</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 font-medium">
                  Role
                </th>
                <th scope="col" className="py-1 font-medium">
                  Email
                </th>
                <th scope="col" className="py-1 font-medium">
                  Password
                </th>
              </tr>
            </thead>
            <tbody className="font-mono">
              {DEMO_USERS.map((demo) => (
                <tr key={demo.email}>
                  <td className="py-0.5 font-sans">{ROLE_LABELS[demo.role]}</td>
                  <td className="py-0.5">{demo.email}</td>
                  <td className="py-0.5">{demo.password}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}
