/**
 * Plain-language titles for timeline entries. Pure, so the wording is tested once and the server
 * and the browser say the same thing.
 */
import { ROLE_LABELS, roleSchema } from "@/lib/auth/permissions";
import { simStatusLabel } from "@/lib/kore/sim-status";
import type { TimelineChange, TimelineEntry } from "./entry";

const ACTION_LABELS: Record<string, string> = {
  "sims.status": "Status change",
  "sims.activate": "Activation",
  "sims.suspend": "Suspension",
  "sims.deactivate": "Deactivation",
  "sims.ready": "Move to Ready",
  "sims.reset": "Connectivity reset",
  "sims.ratePlan": "Rate plan change",
  "sims.update": "Settings change",
  "sims.move": "Move to another account",
  "sims.delete": "Deletion",
};

const OUTCOME_LABELS: Record<string, string> = {
  pending: "waiting for KORE",
  ok: "accepted by KORE",
  error: "failed",
  refused: "refused by the console",
};

const FIELD_LABELS: Record<string, string> = {
  status: "Status",
  ratePlanSid: "Rate plan",
  ratePlan: "Rate plan",
  connectionState: "Connection",
  friendlyName: "Friendly name",
  uniqueName: "Unique name",
  resetStatus: "Reset status",
};

/** "sims.suspend" → "Suspension"; unknown names are shown readably instead of hidden. */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const last = action.split(".").pop() ?? action;
  const words = last.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const STATUS_REQUEST_LABELS: Record<string, string> = {
  ready: "Move to Ready",
  active: "Activation",
  suspended: "Suspension",
  deactivated: "Deactivation",
};

/** What a console request asked for: the status it asked for, or a plan change, or the action. */
export function requestLabel(entry: { action: string; changes: readonly TimelineChange[] }): string {
  const status = entry.changes.find((c) => c.field === "status");
  if (entry.action === "sims.status" && typeof status?.after === "string") {
    return STATUS_REQUEST_LABELS[status.after] ?? `Change to ${formatValue("status", status.after)}`;
  }
  if (
    entry.action === "sims.update" &&
    entry.changes.some((c) => c.field === "ratePlan" || c.field === "ratePlanSid")
  ) {
    return "Rate plan change";
  }
  return actionLabel(entry.action);
}

export function outcomeLabel(outcome: string): string {
  return OUTCOME_LABELS[outcome] ?? outcome;
}

export function fieldLabel(field: string): string {
  return (
    FIELD_LABELS[field] ?? field.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase())
  );
}

/** A before/after value as text: statuses get their label, empty values a dash. */
export function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (field === "status" && typeof value === "string") return simStatusLabel(value);
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

export function formatChange(change: TimelineChange): string {
  return `${fieldLabel(change.field)}: ${formatValue(change.field, change.before)} → ${formatValue(change.field, change.after)}`;
}

/** Who or what made an upstream change, from a Monitor event's source and actor. */
export function describeEventActor(entry: {
  source: string | null;
  actorSid: string | null;
  actorType: string | null;
}) {
  if (entry.source === "twilio" || entry.actorType === "system" || (!entry.actorSid && !entry.source)) {
    return "KORE (automatic)";
  }
  const via =
    entry.source === "web"
      ? "KORE Console"
      : entry.source === "api"
        ? "API"
        : (entry.source ?? "unknown source");
  return entry.actorSid ? `${via}, ${entry.actorType ?? "actor"} ${entry.actorSid}` : via;
}

/** A one-line headline for an entry. */
export function entryTitle(entry: TimelineEntry): string {
  switch (entry.type) {
    case "event": {
      const connection = entry.changes.find((c) => c.field === "connectionState");
      if (connection)
        return connection.after === "attached" ? "Attached to the network" : "Detached from the network";
      const status = entry.changes.find((c) => c.field === "status");
      if (status && entry.changes.length === 1) {
        return `Status changed from ${formatValue("status", status.before)} to ${formatValue("status", status.after)}`;
      }
      if (entry.changes.length === 1 && entry.changes[0]?.field === "ratePlanSid") return "Rate plan changed";
      if (entry.changes.length > 0)
        return `${entry.changes.map((c) => fieldLabel(c.field)).join(" and ")} changed`;
      return entry.description ?? entry.eventType ?? "Monitor event";
    }
    case "callback": {
      const status = simStatusLabel(entry.status);
      const previous = entry.previousStatus ? simStatusLabel(entry.previousStatus) : null;
      switch (entry.meaning) {
        case "status":
          return previous ? `KORE confirmed ${status} (was ${previous})` : `KORE confirmed ${status}`;
        case "intermediate":
          return `KORE reported ${status}, the first of two steps${previous ? ` (was ${previous})` : ""}`;
        case "reset":
          return entry.resetStatus === "resetting"
            ? "Connectivity reset in progress"
            : "Connectivity reset finished";
        case "plan":
          return "KORE confirmed the rate plan change";
        default:
          return `KORE reported status ${status}`;
      }
    }
    case "audit":
      return `${requestLabel(entry)} requested: ${outcomeLabel(entry.outcome)}`;
    case "session":
      return entry.phase === "attach" ? "Attached: data session started" : "Detached: data session ended";
  }
}

/** "olga@example.test (Operator)": a console person as the audit trail recorded them. */
export function personLabel(email: string | null, role: string | null): string {
  const parsed = roleSchema.safeParse(role);
  const roleLabel = parsed.success ? ROLE_LABELS[parsed.data] : role;
  if (!email) return roleLabel ? `Someone (${roleLabel})` : "Someone signed out";
  return roleLabel ? `${email} (${roleLabel})` : email;
}
