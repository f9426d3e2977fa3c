"use client";

import { useNow } from "@/components/sims/use-now";
import { simStatusLabel } from "@/lib/kore/sim-status";
import { automaticTransition, formatCountdown, READY_ACTIVATION_COMMANDS } from "@/lib/sims/auto-transition";
import { formatExactTime } from "@/lib/sims/relative-time";
import { getStatusInfo } from "@/lib/sims/status-info";
import { statusTargetsFrom } from "@/lib/sims/transitions";

/** What the status means, what it costs, where it can go next, and what happens by itself. */
export function StatusExplainer({ status, statusSince }: { status: string; statusSince: string | null }) {
  const info = getStatusInfo(status);
  const next = statusTargetsFrom(status);
  const auto = automaticTransition(status, statusSince);
  const now = useNow(30_000);
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p>{info.meaning}</p>
      <p>
        <span className="font-medium">Cost: </span>
        {info.billing}
      </p>
      <p>
        <span className="font-medium">Can change to: </span>
        {next.length > 0
          ? next.map(simStatusLabel).join(", ")
          : info.transient
            ? "nothing until the change in progress settles."
            : "no other status (this one is final)."}
      </p>
      {auto ? (
        <p role="note" className="rounded-md border border-border bg-muted/50 px-3 py-2">
          {auto.kind === "cancel" ? (
            <>
              <span className="font-medium">Becomes Canceled automatically </span>
              {now === null ? "72 hours after deactivation" : `in ${formatCountdown(auto.dueAt - now)}`} (
              {formatExactTime(new Date(auto.dueAt))}). Deactivation is permanent after that.
            </>
          ) : (
            <>
              <span className="font-medium">Becomes Active automatically </span>
              after 250 KB of data or {READY_ACTIVATION_COMMANDS} Commands, and at the latest{" "}
              {now === null ? "3 months after it became Ready" : `in ${formatCountdown(auto.dueAt - now)}`} (
              {formatExactTime(new Date(auto.dueAt))}), whichever comes first. Billing starts then.
            </>
          )}
        </p>
      ) : null}
    </div>
  );
}
