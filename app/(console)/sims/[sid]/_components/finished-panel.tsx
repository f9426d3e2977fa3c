import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

export type Finished =
  | { kind: "moved"; sid: string; accountSid: string; accountName: string | null }
  | { kind: "deleted"; sid: string };

/**
 * What the page shows once the SIM has left this account. Neither can be shown from KORE any more:
 * a moved SIM is invisible to our (parent account's) credentials, a deleted one is gone.
 */
export function FinishedPanel({ finished }: { finished: Finished }) {
  return (
    <section role="status" className="flex max-w-2xl flex-col items-start gap-3 py-10">
      <CircleCheck aria-hidden className="size-8 text-emerald-600" />
      {finished.kind === "moved" ? (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">
            SIM moved to {finished.accountName ?? finished.accountSid}
          </h1>
          <p>
            SIM <span className="font-mono">{finished.sid}</span> now belongs to{" "}
            <strong>{finished.accountName ?? "the other account"}</strong> (
            <span className="font-mono">{finished.accountSid}</span>).
          </p>
          <p className="text-muted-foreground">
            This console uses the parent account&apos;s KORE credentials, which can no longer see or manage
            the SIM. It no longer appears in the SIM list; manage it with that account&apos;s own API client.
          </p>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">SIM deleted</h1>
          <p>
            SIM <span className="font-mono">{finished.sid}</span> was deleted and no longer appears in the SIM
            list.
          </p>
        </>
      )}
      <Button asChild>
        <Link href="/sims">Back to the SIM list</Link>
      </Button>
    </section>
  );
}
