/**
 * The preview: turns a selection (a filter, rows picked on a page, or a pasted list) into the
 * SIMs it names, as KORE has them now, and decides per SIM whether the job may change it and
 * what would change. The result is stored as a draft job, so what the person confirms is
 * exactly what was previewed, and the job page shows the preview with the same table it later
 * shows progress in.
 */
import "server-only";
import { and, eq, inArray, max } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditEntries } from "@/lib/db/schema/audit";
import { AppError } from "@/lib/http/app-error";
import { isKoreError } from "@/lib/kore/errors";
import type { Sim } from "@/lib/kore/schemas";
import type { SimsApi } from "@/lib/kore/sims";
import { RESET_ACTION } from "@/lib/sims/reset-cooldown";
import { checkEligibility } from "./eligibility";
import { type JobSelection, type JobSpec, MAX_JOB_SIMS } from "./job-spec";
import { type ListEntry, parsePastedList, type RejectedLine } from "./pasted-list";
import { createDraftJob, type DraftItem } from "./store";

export type SimsReader = Pick<SimsApi, "getSim" | "listSimsPage" | "iterateSims">;

export type ResolvedSelection = {
  sims: Sim[];
  rejected: RejectedLine[];
  /** How the SIMs were chosen, stored with the job for people reading it later. */
  description: Record<string, unknown>;
};

/** Up to this many listed SIMs are looked up one by one; more, and the account is read once. */
const LOOKUP_ONE_BY_ONE = 200;
const LOOKUP_CONCURRENCY = 8;
const PAGE_SIZE = 1000;

export async function resolveSelection(
  kore: SimsReader,
  selection: JobSelection,
  signal?: AbortSignal,
): Promise<ResolvedSelection> {
  switch (selection.kind) {
    case "filter": {
      const sims: Sim[] = [];
      for await (const page of kore.iterateSims(
        { ...toListParams(selection.filter), pageSize: PAGE_SIZE },
        { signal },
      )) {
        sims.push(...page.sims);
        if (sims.length > MAX_JOB_SIMS) {
          throw new AppError(
            "too_many_sims",
            `More than ${MAX_JOB_SIMS.toLocaleString("en-US")} SIMs match this filter. Narrow it (for example by status and rate plan) and run several jobs.`,
          );
        }
      }
      return { sims, rejected: [], description: { kind: "filter", filter: selection.filter } };
    }
    case "sids": {
      const entries = [...new Set(selection.sids)].map(
        (value, i): ListEntry => ({ line: i + 1, kind: "sid", value }),
      );
      const { sims, rejected } = await lookUp(kore, entries, signal);
      return { sims, rejected, description: { kind: "sids", count: entries.length } };
    }
    case "list": {
      const parsed = parsePastedList(selection.text);
      const { sims, rejected } = await lookUp(kore, parsed.entries, signal);
      return {
        sims,
        rejected: [...parsed.rejected, ...rejected].sort((a, b) => a.line - b.line),
        description: { kind: "list", lines: parsed.entries.length + parsed.rejected.length },
      };
    }
  }
}

/** Finds the SIM each entry names; entries naming none (or a SIM named already) are rejected. */
async function lookUp(
  kore: SimsReader,
  entries: ListEntry[],
  signal?: AbortSignal,
): Promise<{ sims: Sim[]; rejected: RejectedLine[] }> {
  const found =
    entries.length <= LOOKUP_ONE_BY_ONE
      ? await lookUpEach(kore, entries, signal)
      : await scanAccount(kore, entries, signal);
  const sims: Sim[] = [];
  const rejected: RejectedLine[] = [];
  const lineOf = new Map<string, number>();
  for (const entry of entries) {
    const sim = found.get(key(entry));
    if (!sim) {
      rejected.push({
        line: entry.line,
        text: entry.value,
        reason:
          entry.kind === "sid"
            ? "No SIM with this SID in this account."
            : "No SIM with this ICCID in this account.",
      });
      continue;
    }
    const first = lineOf.get(sim.sid);
    if (first !== undefined) {
      rejected.push({ line: entry.line, text: entry.value, reason: `The same SIM as line ${first}.` });
      continue;
    }
    lineOf.set(sim.sid, entry.line);
    sims.push(sim);
  }
  return { sims, rejected };
}

async function lookUpEach(
  kore: SimsReader,
  entries: ListEntry[],
  signal?: AbortSignal,
): Promise<Map<string, Sim>> {
  const found = new Map<string, Sim>();
  let next = 0;
  async function worker() {
    while (next < entries.length) {
      const entry = entries[next++] as ListEntry;
      const sim = await findOne(kore, entry, signal);
      if (sim) found.set(key(entry), sim);
    }
  }
  await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, entries.length) }, worker));
  return found;
}

async function findOne(kore: SimsReader, entry: ListEntry, signal?: AbortSignal): Promise<Sim | null> {
  if (entry.kind === "iccid") {
    const page = await kore.listSimsPage({ iccid: entry.value, pageSize: 1 }, { signal });
    return page.sims[0] ?? null;
  }
  try {
    return await kore.getSim(entry.value, { signal });
  } catch (error) {
    if (isKoreError(error) && error.code === 20404) return null;
    throw error;
  }
}

/** One pass over the account's SIMs (1,000 per request) instead of one request per line. */
async function scanAccount(
  kore: SimsReader,
  entries: ListEntry[],
  signal?: AbortSignal,
): Promise<Map<string, Sim>> {
  const wanted = new Set(entries.map(key));
  const found = new Map<string, Sim>();
  for await (const page of kore.iterateSims({ pageSize: PAGE_SIZE }, { signal })) {
    for (const sim of page.sims) {
      for (const k of [`sid:${sim.sid.toLowerCase()}`, sim.iccid ? `iccid:${sim.iccid}` : null]) {
        if (k && wanted.has(k)) found.set(k, sim);
      }
    }
    if (found.size >= wanted.size) break;
  }
  return found;
}

function key(entry: ListEntry): string {
  return entry.kind === "sid" ? `sid:${entry.value.toLowerCase()}` : `iccid:${entry.value}`;
}

function toListParams(filter: Extract<JobSelection, { kind: "filter" }>["filter"]) {
  return {
    status: filter.status,
    ratePlan: filter.ratePlan,
    iccid: filter.iccid,
    simRegistrationCode: filter.registrationCode,
    eId: filter.eid,
  };
}

export type PreviewContext = {
  db: Db;
  kore: SimsReader;
  resetCooldownSeconds: number;
  creator: { id: string; email: string; role: string };
  /** Names to show for the target (rate plan, account), stored with the job. */
  labels?: Record<string, string>;
  now?: Date;
  signal?: AbortSignal;
};

/** Resolves the selection, checks every SIM and stores the draft job; returns its id. */
export async function createJobPreview(
  context: PreviewContext,
  input: { spec: JobSpec; selection: JobSelection },
): Promise<string> {
  const { spec, selection } = input;
  const resolved = await resolveSelection(context.kore, selection, context.signal);
  const lastResets =
    spec.action === "reset"
      ? await lastSuccessfulResets(
          context.db,
          resolved.sims.map((s) => s.sid),
        )
      : new Map();
  const now = context.now ?? new Date();
  const items: DraftItem[] = resolved.sims.map((sim) => {
    const check = checkEligibility(spec, sim, {
      lastResetAt: lastResets.get(sim.sid) ?? null,
      resetCooldownSeconds: context.resetCooldownSeconds,
      now,
    });
    return {
      simSid: sim.sid,
      iccid: sim.iccid,
      name: sim.friendlyName ?? sim.uniqueName,
      eligible: check.eligible,
      skipReason: check.eligible ? null : check.reason,
      before: check.before,
      after: check.after,
    };
  });
  return createDraftJob(context.db, {
    creator: context.creator,
    action: spec.action,
    params: { ...spec, ...(context.labels ? { labels: context.labels } : {}) },
    selection: resolved.description,
    rejectedLines: resolved.rejected,
    items,
  });
}

/** The last successful reset per SIM from the audit trail, as the SIM page's cooldown reads it. */
async function lastSuccessfulResets(db: Db, sids: string[]): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  for (let i = 0; i < sids.length; i += 1000) {
    const rows = await db
      .select({ simSid: auditEntries.simSid, at: max(auditEntries.createdAt) })
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.action, RESET_ACTION),
          eq(auditEntries.outcome, "ok"),
          inArray(auditEntries.simSid, sids.slice(i, i + 1000)),
        ),
      )
      .groupBy(auditEntries.simSid);
    for (const row of rows) if (row.simSid && row.at) out.set(row.simSid, new Date(row.at));
  }
  return out;
}
