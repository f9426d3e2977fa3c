/**
 * The shape of a SIM's lifecycle timeline as `GET /api/timeline/[sid]` sends it and the Timeline
 * tab renders it. Pure (no "server-only"): the client component imports the types.
 *
 * One entry per fact, from four sources:
 * - `monitor`: KORE Monitor events (status / rate-plan changes, attach / detach), stored in our
 *   database so they outlive the upstream's 30-day retention;
 * - `callback`: status callbacks KORE delivered to our receiver (intermediate and final statuses,
 *   reset completions);
 * - `console`: the console's audit trail (who asked, their role, why, and how it went);
 * - `data-session`: the SIM's data sessions (attach at start, detach at end), live from KORE.
 *
 * How the same fact seen twice is handled is decided in `merge.ts` (see its header).
 */
import { z } from "zod";

export const TIMELINE_KINDS = ["change", "request", "callback", "reset", "connection"] as const;
export const timelineKindSchema = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof timelineKindSchema>;

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  change: "Status and plan changes",
  request: "Console requests",
  callback: "Callbacks",
  reset: "Connectivity resets",
  connection: "Attach and detach",
};

export const TIMELINE_SOURCES = ["monitor", "callback", "console", "data-session"] as const;
export const timelineSourceSchema = z.enum(TIMELINE_SOURCES);
export type TimelineSource = z.infer<typeof timelineSourceSchema>;

export const TIMELINE_SOURCE_LABELS: Record<TimelineSource, string> = {
  monitor: "KORE Monitor event",
  callback: "Status callback",
  console: "Console audit trail",
  "data-session": "KORE data session",
};

/** A property's before → after values; upstream values are JSON of any shape. */
const changeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type TimelineChange = z.infer<typeof changeSchema>;

/** The console person behind an upstream change, when an audit entry explains it. */
const requesterSchema = z.object({
  entryId: z.string(),
  email: z.string().nullable(),
  role: z.string().nullable(),
  reason: z.string().nullable(),
});

const base = {
  /** Stable and anchor-safe: `event-AE…`, `callback-<uuid>`, `audit-<uuid>`, `session-WN…-attach`. */
  id: z.string(),
  /** When it happened (ISO 8601 UTC). */
  at: z.string(),
  kind: timelineKindSchema,
  /** Every source that reported this fact (two when a merge folded a duplicate in). */
  sources: z.array(timelineSourceSchema).min(1),
};

export const eventEntrySchema = z.object({
  ...base,
  type: z.literal("event"),
  eventSid: z.string(),
  eventType: z.string().nullable(),
  changes: z.array(changeSchema),
  /** `api`, `web` or `twilio` (automatic); null when the upstream did not say. */
  source: z.string().nullable(),
  actorSid: z.string().nullable(),
  actorType: z.string().nullable(),
  sourceIpAddress: z.string().nullable(),
  description: z.string().nullable(),
  /** The console request that caused this change, when one matches (same SIM, same target, shortly before). */
  requestedBy: requesterSchema.nullable(),
  /** For attach / detach: the data session it opened or closed. */
  dataSession: z
    .object({
      sid: z.string(),
      radioLink: z.string().nullable(),
      operatorName: z.string().nullable(),
      operatorCountry: z.string().nullable(),
      cellId: z.string().nullable(),
      packetsUploaded: z.number().nullable(),
      packetsDownloaded: z.number().nullable(),
    })
    .nullable(),
});

export const CALLBACK_MEANINGS = ["status", "intermediate", "reset", "plan", "unchanged"] as const;

export const callbackEntrySchema = z.object({
  ...base,
  type: z.literal("callback"),
  status: z.string(),
  previousStatus: z.string().nullable(),
  /**
   * What the callback reports: a final status change, the first of a two-stage change (ready
   * before active, deactivated before canceled), a finished connectivity reset, a rate-plan
   * change, or an unchanged status we could not attribute.
   */
  meaning: z.enum(CALLBACK_MEANINGS),
  ratePlanSid: z.string().nullable(),
  resetStatus: z.string().nullable(),
  /** KORE's date of the change (whole seconds); the entry's `at` is when the callback arrived. */
  dateUpdated: z.string().nullable(),
  /** The Monitor event entry recording the same transition, when there is one. */
  sameAs: z.string().nullable(),
});

export const auditEntryItemSchema = z.object({
  ...base,
  type: z.literal("audit"),
  action: z.string(),
  actorEmail: z.string().nullable(),
  actorRole: z.string().nullable(),
  reason: z.string().nullable(),
  outcome: z.string(),
  changes: z.array(changeSchema),
  errorMessage: z.string().nullable(),
  completedAt: z.string().nullable(),
});

export const sessionEntrySchema = z.object({
  ...base,
  type: z.literal("session"),
  phase: z.enum(["attach", "detach"]),
  sessionSid: z.string(),
  radioLink: z.string().nullable(),
  operatorName: z.string().nullable(),
  operatorCountry: z.string().nullable(),
  cellId: z.string().nullable(),
  imei: z.string().nullable(),
  packetsUploaded: z.number(),
  packetsDownloaded: z.number(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  /** The Monitor event that reported the same attach or detach, folded into this entry. */
  eventSid: z.string().nullable(),
});

export const timelineEntrySchema = z.discriminatedUnion("type", [
  eventEntrySchema,
  callbackEntrySchema,
  auditEntryItemSchema,
  sessionEntrySchema,
]);
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export type EventEntry = z.infer<typeof eventEntrySchema>;
export type CallbackEntry = z.infer<typeof callbackEntrySchema>;
export type AuditEntryItem = z.infer<typeof auditEntryItemSchema>;
export type SessionEntry = z.infer<typeof sessionEntrySchema>;

/** A source that could not be read for this answer; the rest of the timeline is still shown. */
export const timelineNoticeSchema = z.object({
  source: z.enum(["monitor", "data-sessions", "sim"]),
  message: z.string(),
});
export type TimelineNotice = z.infer<typeof timelineNoticeSchema>;

export const simTimelineSchema = z.object({
  sid: z.string(),
  /** The SIM's current status as KORE reports it; null when it could not be read. */
  sim: z.object({ status: z.string(), resetStatus: z.string().nullable() }).nullable(),
  /** True while KORE is still working on the SIM: the tab keeps polling. */
  live: z.boolean(),
  /** Newest first. */
  entries: z.array(timelineEntrySchema),
  notices: z.array(timelineNoticeSchema),
  generatedAt: z.string(),
});
export type SimTimeline = z.infer<typeof simTimelineSchema>;

/** The anchor of an entry on the page (`#entry-<id>`), for deep links. */
export function entryAnchor(id: string): string {
  return `entry-${id}`;
}
