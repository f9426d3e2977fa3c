"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleCheck, CircleX, Clock, LoaderCircle } from "lucide-react";
import { type ReactNode, useState } from "react";
import { toast } from "sonner";
import { RelativeTime } from "@/components/sims/relative-time";
import { useNow } from "@/components/sims/use-now";
import { Button } from "@/components/ui/button";
import { resetSimConnectivity } from "@/lib/actions/sims";
import { can, type Role } from "@/lib/auth/permissions";
import type { Sim } from "@/lib/kore/schemas";
import { simResetCheckQueryOptions, simSessionsQueryOptions } from "@/lib/queries/sim-detail";
import { formatCooldown } from "@/lib/sims/reset-cooldown";
import { RESET_OUTCOME_WINDOW_MS, resetOutcome } from "@/lib/sims/session-rows";
import { checkReset } from "@/lib/sims/transitions";
import { ConfirmDialog } from "./confirm-dialog";
import { useSetSim } from "./use-sim-cache";

/**
 * Reset connectivity, support+: a pre-check panel (status, a reset already running, the last data
 * session, the cooldown), a confirmation, "Resetting…" until KORE clears `reset_status`, then the
 * outcome: did a new data session start within a few minutes?
 */
export function ResetConnectivity({ sim, role, onWrite }: { sim: Sim; role: Role; onWrite: () => void }) {
  const check = useQuery(simResetCheckQueryOptions(sim.sid));
  const [resetAt, setResetAt] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const now = useNow(1000);
  const statusCheck = checkReset({ status: sim.status });
  const running = sim.resetStatus === "resetting";
  const cooldown = check.data?.cooldown;
  const remaining =
    cooldown?.availableAt && now !== null
      ? Math.max(0, Math.ceil((Date.parse(cooldown.availableAt) - now) / 1000))
      : 0;
  const mayOverride = can({ role }, "sims.resetCooldownOverride");
  const blocked = !statusCheck.ok || running || (remaining > 0 && !mayOverride);
  const last = check.data?.lastSession ?? null;

  return (
    <div className="flex flex-col gap-3">
      <ul aria-label="Reset pre-check" className="flex flex-col gap-1.5 text-sm">
        <CheckItem ok={statusCheck.ok}>
          {statusCheck.ok ? "Status is Active or Ready." : statusCheck.reason}
        </CheckItem>
        <CheckItem ok={!running}>
          {running ? "A reset is already running." : "No reset is running."}
        </CheckItem>
        <CheckItem ok={null}>
          Last data session:{" "}
          {check.isPending ? (
            "checking…"
          ) : check.isError ? (
            <span className="text-destructive">{check.error.message}</span>
          ) : last ? (
            <>
              started <RelativeTime value={last.start} />,{" "}
              {last.end ? (
                <>
                  ended <RelativeTime value={last.end} />
                </>
              ) : (
                "still open"
              )}
              {last.operatorName ? ` on ${last.operatorName}` : ""}.
            </>
          ) : (
            "none in the last 30 days."
          )}
        </CheckItem>
        <CheckItem
          ok={remaining > 0 ? (mayOverride ? null : false) : true}
          icon={remaining > 0 ? "clock" : undefined}
        >
          {remaining > 0
            ? `Reset recently: the next reset is possible in ${formatCooldown(remaining)}${mayOverride ? " (admins may override)" : ""}.`
            : "No reset in the cooldown period."}
        </CheckItem>
      </ul>

      {running ? (
        <p role="status" className="flex items-center gap-2 text-sm font-medium">
          <LoaderCircle aria-hidden className="size-4 animate-spin" /> Resetting… the device is being detached
          and will attach again.
        </p>
      ) : resetAt !== null ? (
        <ResetOutcomeLine sid={sim.sid} resetAt={resetAt} />
      ) : null}

      <div>
        <Button type="button" onClick={() => setConfirming(true)} disabled={blocked}>
          Reset connectivity
        </Button>
      </div>
      {confirming ? (
        <ResetDialog
          sim={sim}
          override={remaining > 0 && mayOverride}
          onClose={() => setConfirming(false)}
          onDone={(at) => {
            setResetAt(at);
            setConfirming(false);
            onWrite();
            void check.refetch();
          }}
        />
      ) : null}
    </div>
  );
}

function ResetDialog({
  sim,
  override,
  onClose,
  onDone,
}: {
  sim: Sim;
  override: boolean;
  onClose: () => void;
  onDone: (resetAt: number) => void;
}) {
  const setSim = useSetSim(sim.sid);
  return (
    <ConfirmDialog
      title={`Reset connectivity of ${sim.friendlyName || sim.uniqueName || sim.sid}?`}
      description={`The device loses its connection and has to attach to the network again, which can take a minute or two.${override ? " This SIM was reset recently: you are overriding the cooldown." : ""}`}
      confirmLabel={override ? "Override cooldown and reset" : "Reset now"}
      pendingLabel="Sending…"
      run={() => resetSimConnectivity({ sid: sim.sid, overrideCooldown: override })}
      onDone={async (data) => {
        await setSim(data.sim);
        toast.info("Reset requested. The device is being detached.");
        onDone(Date.parse(data.resetAt));
      }}
      onClose={onClose}
    />
  );
}

/** After the reset: watch the data sessions for a new one, for a few minutes. */
function ResetOutcomeLine({ sid, resetAt }: { sid: string; resetAt: number }) {
  const now = useNow(5000);
  const watching = now !== null && now < resetAt + RESET_OUTCOME_WINDOW_MS;
  const sessions = useQuery(simSessionsQueryOptions(sid, { pollMs: watching ? 10_000 : false }));
  if (!sessions.data || now === null) {
    return (
      <p role="status" className="text-sm">
        Reset complete. Checking whether the device reconnected…
      </p>
    );
  }
  const outcome = resetOutcome(sessions.data, resetAt, now);
  if (outcome.kind === "reconnected") {
    return (
      <p
        role="status"
        className="flex items-center gap-2 text-sm font-medium text-emerald-700 dark:text-emerald-400"
      >
        <CircleCheck aria-hidden className="size-4" /> Reset complete: the device reconnected (new data
        session started <RelativeTime value={outcome.session.start} />
        {outcome.session.operatorName ? ` on ${outcome.session.operatorName}` : ""}).
      </p>
    );
  }
  if (outcome.kind === "waiting") {
    return (
      <p role="status" className="flex items-center gap-2 text-sm">
        <LoaderCircle aria-hidden className="size-4 animate-spin" /> Reset complete. Waiting for the device to
        start a new data session (checking for up to {RESET_OUTCOME_WINDOW_MS / 60_000} minutes)…
      </p>
    );
  }
  return (
    <p role="status" className="flex items-center gap-2 text-sm font-medium text-destructive">
      <CircleX aria-hidden className="size-4" /> Reset complete, but no new data session started within{" "}
      {RESET_OUTCOME_WINDOW_MS / 60_000} minutes. Check the device&apos;s power and coverage.
    </p>
  );
}

function CheckItem({ ok, icon, children }: { ok: boolean | null; icon?: "clock"; children: ReactNode }) {
  const Icon = icon === "clock" ? Clock : ok === null ? Clock : ok ? CircleCheck : CircleX;
  const label = ok === null ? "Information" : ok ? "Passed" : "Blocks the reset";
  return (
    <li className="flex items-start gap-2">
      <Icon
        role="img"
        aria-label={label}
        className={
          ok === false
            ? "mt-0.5 size-4 shrink-0 text-destructive"
            : ok
              ? "mt-0.5 size-4 shrink-0 text-emerald-600"
              : "mt-0.5 size-4 shrink-0 text-muted-foreground"
        }
      />
      <span>{children}</span>
    </li>
  );
}
