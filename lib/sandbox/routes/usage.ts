import { errors } from "../errors";
import { parseDate } from "../http";
import { pageOf, parsePaging } from "../paging";
import { renderSession, renderUsageRecord } from "../render";
import { type Route, type RouteContext, route } from "../router";
import { DAY, HOUR } from "../seed-model";
import { sessionsBetween } from "../sessions";
import type { UsageTotals } from "../usage";
import { requireSim, sendPage } from "./shared";

/** UsageRecords (per SIM and per account) and DataSessions (sim-api.md §13.2, §13.3). */
export const usageRoutes: Route[] = [
  route("GET", "/v1/Sims/{Sid}/UsageRecords", "bearer", (ctx) => {
    const index = requireSim(ctx, ctx.params.Sid as string, `/Sims/${ctx.params.Sid}/UsageRecords`);
    const { fleet } = ctx.world;
    const sid = fleet.identity.simSid(index);
    const usageClass = fleet.usageClass(index);
    const weight = fleet.usageWeight(index);
    const activity = fleet.activity(index);
    sendUsage(
      ctx,
      `/v1/Sims/${sid}/UsageRecords`,
      (periods) => periods.map((p) => fleet.ledger.simTotals(usageClass, weight, activity, p.from, p.to)),
      sid,
    );
  }),
  route("GET", "/v1/UsageRecords", "bearer", (ctx) => {
    sendUsage(ctx, "/v1/UsageRecords", (periods) =>
      ctx.world.fleet.ledger.accountSeries(ctx.caller.account, periods),
    );
  }),
  route("GET", "/v1/Sims/{Sid}/DataSessions", "bearer", (ctx) => {
    const index = requireSim(ctx, ctx.params.Sid as string, `/Sims/${ctx.params.Sid}/DataSessions`);
    const paging = parsePaging(ctx.query);
    const now = ctx.world.clock.now();
    // Newest first; the order key is the negated start so the shared pager can stay ascending.
    const sessions = sessionsBetween(ctx.world.sessionInput(index), now - 30 * DAY, now).reverse();
    const orderOf = new Map(sessions.map((s) => [s.sid, -s.start]));
    sendPage(ctx, {
      path: `/v1/Sims/${ctx.world.fleet.identity.simSid(index)}/DataSessions`,
      key: "data_sessions",
      filters: [],
      query: paging,
      slice: pageOf(
        sessions,
        paging,
        (s) => -s.start,
        (value) => orderOf.get(value),
      ),
      keyOf: (s) => s.sid,
      render: (s) => renderSession(ctx.world, index, s),
    });
  }),
];

type Series = (periods: { from: number; to: number }[]) => UsageTotals[];

function sendUsage(ctx: RouteContext, path: string, series: Series, simSid?: string): void {
  const { query } = ctx;
  const paging = parsePaging(query);
  const now = ctx.world.clock.now();
  const endParam = query.get("End");
  const startParam = query.get("Start");
  const granularity = query.get("Granularity") || "all";
  if (granularity !== "all" && granularity !== "daily" && granularity !== "hourly") {
    throw errors.invalidParameter("Granularity", "must be hourly, daily or all");
  }
  const end = parseDate(endParam, "End") ?? now;
  const start = parseDate(startParam, "Start") ?? oneMonthBefore(end);
  if (start > end) throw errors.invalidParameter("Start", "must not be after End");
  if (end - start > 550 * DAY) throw errors.invalidParameter("Start", "must be within 18 months of End");

  const periods = split(start, Math.min(end, Math.max(start, now)), granularity);
  // Only whole hours that have ended count; usage of the current hour is not reported yet.
  const reportedUntil = now - HOUR + 1;
  const slice = pageOf(
    periods,
    paging,
    (p) => p.start,
    (value) => (/^\d{1,15}$/.test(value) ? Number(value) : undefined),
  );
  const accountSid = ctx.world.accounts[ctx.caller.account]?.sid ?? null;
  const totals = series(slice.items.map((p) => ({ from: p.start, to: Math.min(p.end, reportedUntil) })));
  const totalsOf = new Map(slice.items.map((p, i) => [p, totals[i] as UsageTotals]));
  sendPage(ctx, {
    path,
    key: "usage_records",
    filters: [
      ["Start", startParam ?? undefined],
      ["End", endParam ?? undefined],
      ["Granularity", query.get("Granularity") ?? undefined],
    ],
    query: paging,
    slice,
    keyOf: (p) => String(p.start),
    render: (p) =>
      renderUsageRecord(totalsOf.get(p) as UsageTotals, p, { accountSid, ...(simSid ? { simSid } : {}) }),
  });
}

function split(
  start: number,
  end: number,
  granularity: "all" | "daily" | "hourly",
): { start: number; end: number }[] {
  if (granularity === "all") return [{ start, end }];
  const step = granularity === "daily" ? DAY : HOUR;
  const out: { start: number; end: number }[] = [];
  for (let cursor = Math.floor(start / step) * step; cursor < end; cursor += step) {
    out.push({ start: Math.max(cursor, start), end: Math.min(cursor + step, end) });
  }
  return out;
}

function oneMonthBefore(ms: number): number {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() - 1);
  return date.getTime();
}
