import { hash32 } from "./hash";
import { DAY } from "./seed-model";
import { decodeSid, encodeSid } from "./sids";

/**
 * Monitor events, kept compact (numbers and short strings) and rendered on request. They are
 * appended in time order, so the sequence number is also the date order and doubles as the
 * page cursor. The API returns only the last 30 days; older ones are kept a while longer so
 * that "it happened but the API no longer says so" can be observed, then pruned.
 */
export const EVENT_TYPES = ["wireless-sim.updated", "wireless-sim.connection.updated"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type EventRecord = {
  seq: number;
  sid: string;
  at: number;
  account: number;
  sim: number;
  type: EventType;
  property: "status" | "rate_plan_sid" | "connection_state";
  previous: string | null;
  updated: string | null;
  source: "api" | "twilio";
  /** The account whose API client caused it; undefined for automatic changes. */
  actor: number | undefined;
  ip: string | null;
  dataSessionSid?: string;
};

export const RETENTION = 30 * DAY;
const KEEP = 60 * DAY;

export class EventLog {
  private records: EventRecord[] = [];
  private nextSeq = 0;
  private readonly key: number;

  constructor(seed: number) {
    this.key = hash32(seed, 0xae);
  }

  /** Adds events; they must not be older than the newest one already recorded. */
  append(event: Omit<EventRecord, "seq" | "sid">): EventRecord {
    const last = this.records[this.records.length - 1];
    // Whole seconds, as the API shows them, so StartDate/EndDate compare exactly with event_date.
    const at = Math.floor(event.at / 1000) * 1000;
    const seq = this.nextSeq++;
    const record = { ...event, at: Math.max(at, last?.at ?? at), seq, sid: encodeSid("AE", this.key, seq) };
    this.records.push(record);
    return record;
  }

  /** Loads seeded history (any order) before any live event. */
  seed(events: Omit<EventRecord, "seq" | "sid">[]): void {
    events.sort((a, b) => a.at - b.at);
    for (const event of events) this.append(event);
  }

  sidOf(record: EventRecord): string {
    return record.sid;
  }

  seqOfSid(sid: string): number | undefined {
    const seq = decodeSid("AE", this.key, sid);
    return seq !== undefined && seq < this.nextSeq ? seq : undefined;
  }

  bySeq(seq: number): EventRecord | undefined {
    // Records are sorted by seq with possible gaps from pruning: binary search.
    let lo = 0;
    let hi = this.records.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const record = this.records[mid] as EventRecord;
      if (record.seq === seq) return record;
      if (record.seq < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Events of `account` newer than the retention window, newest first, matching `filter`. */
  visible(account: number, now: number, filter: (record: EventRecord) => boolean): EventRecord[] {
    const oldest = now - RETENTION;
    const out: EventRecord[] = [];
    for (let i = this.records.length - 1; i >= 0; i--) {
      const record = this.records[i] as EventRecord;
      if (record.at < oldest) break;
      if (record.account === account && record.at <= now && filter(record)) out.push(record);
    }
    return out;
  }

  /** Every record, including those past retention (admin and tests). */
  get all(): readonly EventRecord[] {
    return this.records;
  }

  prune(now: number): void {
    const limit = now - KEEP;
    let drop = 0;
    while (drop < this.records.length && (this.records[drop] as EventRecord).at < limit) drop++;
    if (drop > 0) this.records = this.records.slice(drop);
  }
}
