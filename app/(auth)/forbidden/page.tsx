import { ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/page-guard";
import { ACTIONS, ROLE_LABELS } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "No permission" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where `requirePageUser(action)` sends someone whose role lacks the page's permission. */
export default async function ForbiddenPage({ searchParams }: Props) {
  const user = await requirePageUser(undefined, { returnTo: "/sims" });
  const action = (await searchParams).action;
  const known = typeof action === "string" && (ACTIONS as string[]).includes(action);
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-2">
        <ShieldAlert aria-hidden className="size-5 text-destructive" />
        <h1 className="text-xl font-semibold tracking-tight">You do not have permission</h1>
      </div>
      <p className="text-sm text-muted-foreground">
        You are signed in as {user.email} ({ROLE_LABELS[user.role]}). Your role cannot open that page
        {known ? (
          <>
            {" "}
            (it needs <code className="font-mono text-xs">{action}</code>)
          </>
        ) : null}
        . Ask an admin if you need access.
      </p>
      <Link className="text-sm text-primary underline underline-offset-4" href="/sims">
        Go to SIMs
      </Link>
    </div>
  );
}
