"use client";

import { LoaderCircle } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { changeSimStatus } from "@/lib/actions/sims";
import type { Role } from "@/lib/auth/permissions";
import type { Sim } from "@/lib/kore/schemas";
import { simStatusLabel } from "@/lib/kore/sim-status";
import { confirmsIdentity, identityToConfirm } from "@/lib/sims/iccid";
import { getStatusInfo } from "@/lib/sims/status-info";
import { allowedStatusTargets, STATUS_TARGET_VERBS, type StatusTarget } from "@/lib/sims/transitions";
import { ConfirmDialog } from "./confirm-dialog";
import { IccidConfirmField } from "./iccid-confirm-field";
import { useSetSim } from "./use-sim-cache";

/**
 * The status changes this person may request now: the transition table AND their role. After
 * sending, the SIM shows as Updating/Scheduled and the page polls until KORE settles it; the
 * settle toast (use-settle-toasts.ts) confirms the final status.
 */
export function StatusChange({ sim, role, onWrite }: { sim: Sim; role: Role; onWrite: () => void }) {
  const [target, setTarget] = useState<StatusTarget | null>(null);
  const info = getStatusInfo(sim.status);
  const targets = allowedStatusTargets(sim.status, { role });

  if (info.transient) {
    return (
      <p role="status" className="flex items-center gap-2 text-sm">
        <LoaderCircle aria-hidden className="size-4 animate-spin" />
        {sim.status === "scheduled"
          ? "Change scheduled: the operator will apply it as soon as it accepts changes again. This page updates by itself."
          : "Change in progress: KORE is applying it. This page updates by itself."}
      </p>
    );
  }
  if (targets.length === 0) return null;

  return (
    <div className="flex flex-wrap gap-2">
      {targets.map((t) => (
        <Button
          key={t}
          type="button"
          variant={t === "deactivated" || t === "suspended" ? "outline" : "default"}
          onClick={() => setTarget(t)}
        >
          {STATUS_TARGET_VERBS[t]}
        </Button>
      ))}
      {target ? (
        <StatusDialog sim={sim} target={target} onClose={() => setTarget(null)} onWrite={onWrite} />
      ) : null}
    </div>
  );
}

const CONSEQUENCES: Record<StatusTarget, string> = {
  ready:
    "The SIM can connect for testing without a monthly fee, and becomes Active (billable) after 250 KB of data, 5 Commands or 3 months.",
  active: "The SIM can connect and use the network as its rate plan allows. Billing starts.",
  suspended:
    "The device is cut off from the network until the SIM is activated again. Free for 3 months, then a suspended-SIM fee applies.",
  deactivated:
    "The device is cut off from the network, and after 72 hours the SIM becomes Canceled: permanently retired, it can never be used again.",
};

function StatusDialog({
  sim,
  target,
  onClose,
  onWrite,
}: {
  sim: Sim;
  target: StatusTarget;
  onClose: () => void;
  onWrite: () => void;
}) {
  const setSim = useSetSim(sim.sid);
  const [reason, setReason] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const reasonId = useId();
  const confirmed = target !== "deactivated" || confirmsIdentity(sim, confirm);
  const reasonOk = target !== "suspended" || reason.trim().length >= 3;

  return (
    <ConfirmDialog
      title={`${STATUS_TARGET_VERBS[target]} SIM ${sim.friendlyName || sim.uniqueName || sim.sid}?`}
      description={`From ${simStatusLabel(sim.status)} to ${simStatusLabel(target)}. ${CONSEQUENCES[target]}`}
      confirmLabel={`${STATUS_TARGET_VERBS[target]} SIM`}
      pendingLabel="Sending…"
      destructive={target === "deactivated"}
      ready={confirmed && reasonOk}
      run={() =>
        changeSimStatus({
          sid: sim.sid,
          target,
          reason: reason.trim() || undefined,
          confirmIccid: target === "deactivated" ? confirm : undefined,
        })
      }
      onFailure={(error) => setErrors(firstErrors(error.fieldErrors))}
      onDone={async (updated) => {
        await setSim(updated);
        onWrite();
        onClose();
        toast.info(
          `${STATUS_TARGET_VERBS[target]}: request sent. The SIM shows as ${simStatusLabel(updated.status)} until KORE applies it.`,
        );
      }}
      onClose={onClose}
    >
      {target === "deactivated" ? (
        <p
          role="note"
          className="rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm"
        >
          Deactivation becomes permanent after 72 hours. Type the ICCID{" "}
          <span className="font-mono">{identityToConfirm(sim)}</span> to confirm.
        </p>
      ) : null}
      {target === "suspended" ? (
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={reasonId}>Reason</Label>
          <Textarea
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            required
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={`${reasonId}-error`}
            placeholder="Why is this SIM being suspended? (kept in the audit trail)"
          />
          <FieldError id={`${reasonId}-error`} message={errors.reason} />
        </div>
      ) : null}
      {target === "deactivated" ? (
        <IccidConfirmField value={confirm} onChange={setConfirm} error={errors.confirmIccid} />
      ) : null}
    </ConfirmDialog>
  );
}

export function firstErrors(fieldErrors: Record<string, string[]> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fieldErrors ?? {}))
    if (messages[0]) out[field] = messages[0];
  return out;
}
