/** Builders for timeline inputs in tests: stored events, callbacks, audit entries and data sessions. */
import type { DataSession } from "@/lib/kore/schemas";
import type { StoredAuditEntry, StoredCallback, StoredEvent } from "../merge";

export const SIM = "DE0123456789abcdef0123456789abcdef";
export const ACCOUNT = "AC11112222333344445555666677778888";

let counter = 0;
const next = () => (++counter).toString(16).padStart(32, "0");

export function storedEvent(at: string, overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    sid: `AE${next()}`,
    simSid: SIM,
    accountSid: ACCOUNT,
    eventType: "wireless-sim.updated",
    eventDate: new Date(at),
    actorSid: ACCOUNT,
    actorType: "account",
    source: "api",
    sourceIpAddress: "203.0.113.10",
    description: null,
    changes: { status: { previous: "active", updated: "suspended" } },
    data: null,
    storedAt: new Date(at),
    ...overrides,
  };
}

export function connectionEvent(
  at: string,
  state: "attached" | "detached",
  sessionSid: string | null,
): StoredEvent {
  return storedEvent(at, {
    eventType: "wireless-sim.connection.updated",
    source: "twilio",
    actorSid: null,
    actorType: "system",
    sourceIpAddress: null,
    changes: {
      connectionState: { previous: state === "attached" ? "detached" : "attached", updated: state },
    },
    data: sessionSid ? { dataSessionSid: sessionSid } : null,
  });
}

export function storedCallback(
  at: string,
  params: Record<string, string>,
  overrides: Partial<StoredCallback> = {},
): StoredCallback {
  return {
    id: `00000000-0000-4000-8000-${next().slice(-12)}`,
    simSid: SIM,
    status: params.Status ?? "suspended",
    previousStatus: params.PreviousStatus ?? null,
    params: { SimSid: SIM, DateUpdated: at, ApiVersion: "v1", ...params },
    dedupeKey: `token:${next()}`,
    receivedAt: new Date(Date.parse(at) + 150),
    ...overrides,
  };
}

export function auditEntry(at: string, overrides: Partial<StoredAuditEntry> = {}): StoredAuditEntry {
  return {
    id: `00000000-0000-4000-9000-${next().slice(-12)}`,
    requestId: "req",
    createdAt: new Date(at),
    completedAt: new Date(Date.parse(at) + 300),
    actorId: "u-operator",
    actorEmail: "olga@example.test",
    actorRole: "operator",
    action: "sims.status",
    simSid: SIM,
    jobId: null,
    subject: null,
    changes: { status: { before: "active", after: "suspended" } },
    reason: "Customer reported the device stolen",
    outcome: "ok",
    errorCode: null,
    errorMessage: null,
    ...overrides,
  };
}

export function dataSession(
  start: string,
  end: string | null,
  overrides: Partial<DataSession> = {},
): DataSession {
  return {
    sid: `WN${next()}`,
    simSid: SIM,
    accountSid: ACCOUNT,
    radioLink: "LTE",
    operatorMcc: "310",
    operatorMnc: "260",
    operatorCountry: "USA",
    operatorName: "T-Mobile",
    cellId: "12345",
    cellLocationEstimate: null,
    packetsUploaded: 120,
    packetsDownloaded: 340,
    lastUpdated: end ?? start,
    start,
    end,
    imei: "356938035643809",
    ...overrides,
  };
}
