/**
 * The console's store of Monitor events (lib/db/schema/timeline.ts): writes from the per-SIM
 * fetch and the background sync, reads for a SIM's timeline and for the fleet-wide /events feed.
 */
import { and, count, desc, eq, gte, ilike, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import { simEvents } from "@/lib/db/schema/timeline";
import type { SimEvent } from "@/lib/kore/schemas";
import { CLOCK_SKEW_MS, REQUEST_MATCH_WINDOW_MS } from "./correlate";
import type { EventsQuery } from "./events-query";
import type { StoredEvent } from "./merge";

// 14 columns per row stays far below PostgreSQL's 65 535 bind parameters per statement.
const INSERT_BATCH = 500;

/** Stores events not stored before; returns how many were new. Events without a date are dated now. */
export async function storeEvents(db: Db, events: readonly SimEvent[], now = new Date()): Promise<number> {
  let stored = 0;
  for (let i = 0; i < events.length; i += INSERT_BATCH) {
    const rows = events.slice(i, i + INSERT_BATCH).map((event) => toRow(event, now));
    if (rows.length === 0) continue;
    const inserted = await db
      .insert(simEvents)
      .values(rows)
      .onConflictDoNothing({ target: simEvents.sid })
      .returning({ sid: simEvents.sid });
    stored += inserted.length;
  }
  return stored;
}

function toRow(event: SimEvent, now: Date): typeof simEvents.$inferInsert {
  const date = event.eventDate ? new Date(event.eventDate) : null;
  const { resourceProperties: _changes, ...rest } = event.data ?? {};
  return {
    sid: event.sid,
    simSid: event.resourceSid,
    accountSid: event.accountSid,
    eventType: event.eventType,
    eventDate: date && !Number.isNaN(date.getTime()) ? date : now,
    actorSid: event.actorSid,
    actorType: event.actorType,
    source: event.source,
    sourceIpAddress: event.sourceIpAddress,
    description: event.description,
    changes: event.changes,
    data: event.data ? rest : null,
  };
}

/** A SIM's stored events, newest first (bounded: a timeline shows the recent past in full). */
export async function readSimEvents(db: Db, simSid: string, limit = 1000): Promise<StoredEvent[]> {
  return db
    .select()
    .from(simEvents)
    .where(eq(simEvents.simSid, simSid))
    .orderBy(desc(simEvents.eventDate), desc(simEvents.sid))
    .limit(limit);
}

/** The date of the newest stored event of a SIM, or null when none is stored. */
export async function newestSimEventDate(db: Db, simSid: string): Promise<Date | null> {
  const [row] = await db
    .select({ date: simEvents.eventDate })
    .from(simEvents)
    .where(eq(simEvents.simSid, simSid))
    .orderBy(desc(simEvents.eventDate))
    .limit(1);
  return row?.date ?? null;
}

export type StoredEventPage = {
  events: StoredEvent[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

/** The fleet-wide feed: newest first, filtered, one page at a time. */
export async function listStoredEvents(db: Db, query: EventsQuery): Promise<StoredEventPage> {
  const where = and(...feedFilters(query));
  const [totals] = await db.select({ total: count() }).from(simEvents).where(where);
  const total = totals?.total ?? 0;
  const events = await db
    .select()
    .from(simEvents)
    .where(where)
    .orderBy(desc(simEvents.eventDate), desc(simEvents.sid))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    events,
    total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
  };
}

/**
 * The actor filter matches, in this order: "automatic" (changes KORE made by itself), an actor
 * SID exactly (the API client or KORE Console user), or else part of the email of the console
 * person whose request explains the event (same rules as correlate.ts).
 */
function feedFilters(query: EventsQuery): SQL[] {
  const out: SQL[] = [];
  if (query.type) out.push(eq(simEvents.eventType, query.type));
  if (query.sim) out.push(eq(simEvents.simSid, query.sim));
  if (query.from) out.push(gte(simEvents.eventDate, new Date(`${query.from}T00:00:00Z`)));
  if (query.to) {
    const end = new Date(`${query.to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    out.push(lt(simEvents.eventDate, end));
  }
  const actor = query.actor?.trim();
  if (actor) {
    if (/^automatic$/i.test(actor)) {
      out.push(or(eq(simEvents.source, "twilio"), isNull(simEvents.actorSid)) as SQL);
    } else if (/^(AC|US)[0-9a-fA-F]{32}$/.test(actor)) {
      out.push(eq(simEvents.actorSid, actor));
    } else {
      out.push(requestedByPerson(actor));
    }
  }
  return out;
}

function requestedByPerson(person: string): SQL {
  const window = `${Math.round(REQUEST_MATCH_WINDOW_MS / 1000)} seconds`;
  const skew = `${Math.round(CLOCK_SKEW_MS / 1000)} seconds`;
  const a = auditEntries;
  const e = simEvents;
  return sql`exists (
    select 1 from ${a}
    where ${a.simSid} = ${e.simSid}
      and ${a.outcome} in ('ok', 'pending')
      and ${e.source} is distinct from 'twilio'
      and ${a.createdAt} >= ${e.eventDate} - ${window}::interval
      and ${a.createdAt} <= ${e.eventDate} + ${skew}::interval
      and ${ilike(a.actorEmail, `%${escapeLike(person)}%`)}
      and (
        (${a.changes} -> 'status' ->> 'after') = (${e.changes} -> 'status' ->> 'updated')
        or (${a.changes} -> 'ratePlanSid' ->> 'after') = (${e.changes} -> 'ratePlanSid' ->> 'updated')
        or (${a.changes} -> 'ratePlan' ->> 'after') = (${e.changes} -> 'ratePlanSid' ->> 'updated')
      )
  )`;
}

/** Actor SIDs seen in the store, for the actor filter's suggestions. */
export async function listEventActorSids(db: Db, limit = 50): Promise<string[]> {
  const rows = await db
    .selectDistinct({ actorSid: simEvents.actorSid })
    .from(simEvents)
    .where(sql`${simEvents.actorSid} is not null`)
    .limit(limit);
  return rows.map((r) => r.actorSid).filter((sid): sid is string => sid !== null);
}

/** Console requests that may explain `events` (same SIMs, the correlation window before them). */
export async function readRequestsNear(db: Db, events: readonly StoredEvent[]) {
  const sims = [...new Set(events.map((e) => e.simSid).filter((s): s is string => s !== null))];
  if (sims.length === 0) return [];
  const times = events.map((e) => e.eventDate.getTime());
  const from = new Date(Math.min(...times) - REQUEST_MATCH_WINDOW_MS);
  const to = new Date(Math.max(...times) + CLOCK_SKEW_MS);
  return db
    .select()
    .from(auditEntries)
    .where(
      and(
        inArray(auditEntries.simSid, sims),
        gte(auditEntries.createdAt, from),
        lt(auditEntries.createdAt, to),
      ),
    );
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
