/**
 * What the SIM detail page reads, shared by the server page (first render) and the GET routes
 * under /api/sims/[sid] (refetches), so both paths return exactly the same shapes.
 */
import "server-only";
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { listAccounts } from "@/lib/kore/accounts";
import type { CallOptions } from "@/lib/kore/call-options";
import { listDataSessions } from "@/lib/kore/data-sessions";
import { iterateEvents } from "@/lib/kore/events";
import type { DataSession, Sim } from "@/lib/kore/schemas";
import { getSim } from "@/lib/kore/sims";
import { getSimUsage } from "@/lib/kore/usage";
import { getResetCooldown, type ResetCooldown } from "./reset-cooldown";
import { latestSession, type SessionRow, toSessionRows } from "./session-rows";
import { summarizeUsage, type UsageQuery, type UsageSummary, usageWindow } from "./usage-summary";

export type SimDetail = {
  sim: Sim;
  /**
   * When the SIM entered its current status, for the automatic-transition countdowns: the Monitor
   * event of that change, else `date_updated`. Only looked up where a countdown exists.
   */
  statusSince: string | null;
};

const COUNTDOWN_STATUSES = new Set(["deactivated", "ready"]);
/** Monitor keeps 30 days; a SIM has few events, but stop reading after this many pages. */
const MAX_EVENT_PAGES = 5;

export async function loadSimDetail(sidOrUniqueName: string, options?: CallOptions): Promise<SimDetail> {
  const sim = await getSim(sidOrUniqueName, options);
  if (!COUNTDOWN_STATUSES.has(sim.status)) return { sim, statusSince: null };
  return { sim, statusSince: (await statusEventDate(sim, options)) ?? sim.dateUpdated };
}

async function statusEventDate(sim: Sim, options?: CallOptions): Promise<string | null> {
  try {
    let latest: string | null = null;
    let pages = 0;
    for await (const page of iterateEvents({ resourceSid: sim.sid, pageSize: 1000 }, options)) {
      for (const event of page.events) {
        if (
          event.changes.status?.updated === sim.status &&
          event.eventDate &&
          (!latest || event.eventDate > latest)
        ) {
          latest = event.eventDate;
        }
      }
      if (++pages >= MAX_EVENT_PAGES) break;
    }
    return latest;
  } catch (error) {
    // The countdown falls back to date_updated; the page must not fail because Monitor did.
    console.warn(`[sim-detail] Monitor events for ${sim.sid} unavailable:`, (error as Error).message);
    return null;
  }
}

export async function loadSimUsage(
  sid: string,
  query: UsageQuery,
  options?: CallOptions,
): Promise<UsageSummary> {
  const window = usageWindow(query, Date.now());
  return summarizeUsage(window, await getSimUsage(sid, window, options));
}

export async function loadSimSessions(sid: string, options?: CallOptions): Promise<SessionRow[]> {
  return toSessionRows(await listDataSessions(sid, options));
}

export type ResetCheck = {
  cooldown: ResetCooldown;
  lastSession: DataSession | null;
};

/** The reset pre-check panel: the cooldown (from the audit trail) and the last data session. */
export async function loadResetCheck(db: Db, sid: string, options?: CallOptions): Promise<ResetCheck> {
  const sim = await getSim(sid, options);
  const [cooldown, sessions] = await Promise.all([
    getResetCooldown(db, sim.sid, getConfig().resetCooldownSeconds),
    listDataSessions(sim.sid, options),
  ]);
  return { cooldown, lastSession: latestSession(sessions) };
}

export type AccountOption = { sid: string; name: string; parentSid: string | null; depth: number };

/**
 * The account tree as a flat list in tree order (parents before their subaccounts), for the
 * owner's name in the header and the move target picker. Accounts IAM cannot map to an `AC…`
 * SID cannot own or receive a SIM here, so they are left out.
 */
export async function loadAccountOptions(options?: CallOptions): Promise<AccountOption[]> {
  const accounts = await listAccounts(options);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const children = new Map<string | null, typeof accounts>();
  for (const a of accounts) {
    const parent = a.parentId && byId.has(a.parentId) ? a.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), a]);
  }
  const out: AccountOption[] = [];
  const visit = (parentId: string | null, depth: number) => {
    const list = [...(children.get(parentId) ?? [])].sort((x, y) =>
      (x.friendlyName ?? x.id).localeCompare(y.friendlyName ?? y.id),
    );
    for (const a of list) {
      if (a.sid) {
        const parentSid = a.parentId ? (byId.get(a.parentId)?.sid ?? null) : null;
        out.push({ sid: a.sid, name: a.friendlyName ?? a.id, parentSid, depth });
      }
      visit(a.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
