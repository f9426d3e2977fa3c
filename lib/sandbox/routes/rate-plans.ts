import { ApiError, errors } from "../errors";
import { type Form, parseBoolean, parseMethod, parseUrl, readForm, sendEmpty, sendJson } from "../http";
import { pageOf, parsePaging } from "../paging";
import type { RatePlan } from "../rate-plans";
import { renderRatePlan } from "../render";
import { type Route, type RouteContext, route } from "../router";
import { DELETED } from "../seed-model";
import { planVisibleTo, sendPage } from "./shared";

/** `/v1/RatePlans[/{Sid}]` (sim-api.md §13.1). */
export const ratePlanRoutes: Route[] = [
  route("GET", "/v1/RatePlans", "bearer", (ctx) => {
    const paging = parsePaging(ctx.query);
    const { plans } = ctx.world;
    const visible = plans.all.filter((p) => !p.deleted && planVisibleTo(ctx)(p));
    sendPage(ctx, {
      path: "/v1/RatePlans",
      key: "rate_plans",
      filters: [],
      query: paging,
      slice: pageOf(
        visible,
        paging,
        (p) => p.index,
        (value) => plans.orderOfSid(value),
      ),
      keyOf: (p) => p.sid,
      render: (p) => renderRatePlan(ctx.world, p, ctx.origin),
    });
  }),
  route("POST", "/v1/RatePlans", "bearer", async (ctx) => {
    const form = await readForm(ctx.req);
    const now = ctx.world.clock.now();
    const uniqueName = form.get("UniqueName") || null;
    if (uniqueName) assertUniqueName(ctx, uniqueName, undefined);
    const plan = ctx.world.plans.create({
      account: ctx.caller.account,
      uniqueName,
      friendlyName: form.get("FriendlyName") || null,
      dataEnabled: parseBoolean(form, "DataEnabled") ?? true,
      dataMetering: parseMetering(form),
      dataLimit: parseMegabytes(form, "DataLimit") ?? 1000,
      messagingEnabled: parseBoolean(form, "MessagingEnabled") ?? true,
      voiceEnabled: parseBoolean(form, "VoiceEnabled") ?? false,
      nationalRoamingEnabled: parseBoolean(form, "NationalRoamingEnabled") ?? true,
      nationalRoamingDataLimit: parseMegabytes(form, "NationalRoamingDataLimit") ?? 1000,
      internationalRoaming: parseInternationalRoaming(form),
      internationalRoamingDataLimit: parseMegabytes(form, "InternationalRoamingDataLimit") ?? 0,
      dataLimitStrategy: parseStrategy(form),
      usageNotificationUrl: parseUrl(form, "UsageNotificationUrl") ?? null,
      usageNotificationMethod: parseMethod(form, "UsageNotificationMethod") ?? "POST",
      dateCreated: now,
      dateUpdated: now,
    });
    if (!plan)
      throw errors.invalidParameter(
        "RatePlan",
        "cannot be created: the sandbox holds at most 255 rate plans",
      );
    // The KORE spec answers 200 (or 202) where Twilio answered 201.
    sendJson(ctx.res, 200, renderRatePlan(ctx.world, plan, ctx.origin));
  }),
  route("GET", "/v1/RatePlans/{Sid}", "bearer", (ctx) => {
    sendJson(ctx.res, 200, renderRatePlan(ctx.world, requirePlan(ctx), ctx.origin));
  }),
  route("POST", "/v1/RatePlans/{Sid}", "bearer", async (ctx) => {
    const form = await readForm(ctx.req);
    const plan = requirePlan(ctx);
    if (plan.account !== ctx.caller.account) throw errors.notFound(`/RatePlans/${ctx.params.Sid}`);
    const uniqueName = form.get("UniqueName");
    const friendlyName = form.get("FriendlyName");
    if (uniqueName) assertUniqueName(ctx, uniqueName, plan);
    if (uniqueName !== null) plan.uniqueName = uniqueName || null;
    if (friendlyName !== null) plan.friendlyName = friendlyName || null;
    if (uniqueName !== null || friendlyName !== null) plan.dateUpdated = ctx.world.clock.now();
    sendJson(ctx.res, 200, renderRatePlan(ctx.world, plan, ctx.origin));
  }),
  route("DELETE", "/v1/RatePlans/{Sid}", "bearer", (ctx) => {
    const plan = requirePlan(ctx);
    if (plan.account !== ctx.caller.account) throw errors.notFound(`/RatePlans/${ctx.params.Sid}`);
    const { status, ratePlan } = ctx.world.fleet;
    let inUse = 0;
    for (let i = 0; i < ratePlan.length; i++)
      if (ratePlan[i] === plan.index && status[i] !== DELETED) inUse++;
    if (inUse > 0) {
      throw new ApiError(
        409,
        33101,
        `Invalid parameter value: RatePlan is assigned to ${inUse} SIMs and cannot be deleted`,
      );
    }
    plan.deleted = true;
    sendEmpty(ctx.res, 204);
  }),
];

function requirePlan(ctx: RouteContext): RatePlan {
  const ref = ctx.params.Sid as string;
  const plan = ctx.world.plans.resolve(ref, planVisibleTo(ctx));
  if (!plan) throw errors.notFound(`/RatePlans/${ref}`);
  return plan;
}

function assertUniqueName(ctx: RouteContext, name: string, self: RatePlan | undefined): void {
  const holder = ctx.world.plans.resolve(name, planVisibleTo(ctx));
  if (holder && holder !== self)
    throw errors.invalidParameter("UniqueName", "is already used by another rate plan");
}

function parseMegabytes(form: Form, name: string): number | undefined {
  const value = form.get(name);
  if (value === null) return undefined;
  if (!/^\d{1,7}$/.test(value) || Number(value) > 2_000_000) {
    throw errors.invalidParameter(name, "must be a whole number of MB up to 2000000 (2 TB)");
  }
  return Number(value);
}

function parseMetering(form: Form): RatePlan["dataMetering"] {
  const value = form.get("DataMetering") ?? "payg";
  if (value === "payg" || value === "quota-1" || value === "quota-10" || value === "quota-50") return value;
  throw errors.invalidParameter("DataMetering", "must be payg, quota-1, quota-10 or quota-50");
}

function parseStrategy(form: Form): RatePlan["dataLimitStrategy"] {
  const value = form.get("DataLimitStrategy") ?? "block";
  if (value === "block" || value === "throttle") return value;
  throw errors.invalidParameter("DataLimitStrategy", "must be block or throttle");
}

function parseInternationalRoaming(form: Form): string[] {
  const values = form
    .getAll("InternationalRoaming")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const value of values) {
    if (!["data", "messaging", "voice"].includes(value)) {
      throw errors.invalidParameter("InternationalRoaming", "may contain data, messaging and voice");
    }
  }
  return [...new Set(values)];
}
