import { errors } from "../errors";
import { readForm, sendEmpty, sendJson } from "../http";
import { pageOf, parsePaging } from "../paging";
import { renderSim } from "../render";
import { type Route, type RouteContext, route } from "../router";
import { DELETED, NO_PLAN, STATUS } from "../seed-model";
import { SIM_STATUSES } from "../settings";
import { pageSims } from "../sim-scan";
import { planVisibleTo, requireSim, sendPage } from "./shared";

/** `/v1/Sims` and `/v1/Sims/{Sid}` (sim-api.md §5–§11, §17). */
export const simRoutes: Route[] = [
  route("GET", "/v1/Sims", "bearer", listSims),
  route("GET", "/v1/Sims/{Sid}", "bearer", (ctx) => {
    const index = requireSim(ctx, ctx.params.Sid as string, `/Sims/${ctx.params.Sid}`);
    sendJson(ctx.res, 200, renderSim(ctx.world, index, ctx.origin));
  }),
  route("POST", "/v1/Sims/{Sid}", "bearer", async (ctx) => {
    const form = await readForm(ctx.req);
    const index = requireSim(ctx, ctx.params.Sid as string, `/Sims/${ctx.params.Sid}`);
    ctx.sandbox.lifecycle.update(index, form, ctx.caller);
    sendJson(ctx.res, 200, renderSim(ctx.world, index, ctx.origin));
  }),
  route("DELETE", "/v1/Sims/{Sid}", "bearer", (ctx) => {
    const index = requireSim(ctx, ctx.params.Sid as string, `/Sims/${ctx.params.Sid}`);
    ctx.sandbox.lifecycle.delete(index);
    sendEmpty(ctx.res, 204);
  }),
];

function listSims(ctx: RouteContext): void {
  const { query } = ctx;
  const { fleet, plans } = ctx.world;
  const paging = parsePaging(query);
  const statusParam = nonEmpty(query.get("Status"));
  const iccid = nonEmpty(query.get("Iccid"));
  const planParam = nonEmpty(query.get("RatePlan"));
  const eid = nonEmpty(query.get("EId"));
  const registrationCode = nonEmpty(query.get("SimRegistrationCode"));

  if (
    statusParam !== undefined &&
    !(SIM_STATUSES as readonly string[]).includes(statusParam) &&
    statusParam !== "deleted"
  ) {
    throw errors.invalidParameter("Status", `must be one of ${SIM_STATUSES.join(", ")}`);
  }
  // Unknown plans and deleted SIMs simply match nothing, like any other filter value.
  const plan = planParam === undefined ? undefined : plans.resolve(planParam, planVisibleTo(ctx));
  const filter = {
    account: ctx.caller.account,
    status:
      statusParam === undefined
        ? -1
        : statusParam === "deleted"
          ? DELETED
          : STATUS[statusParam as keyof typeof STATUS],
    plan: planParam === undefined ? -1 : (plan?.index ?? NO_PLAN + 1),
  };

  let slice: ReturnType<typeof pageSims>;
  if (iccid !== undefined || eid !== undefined || registrationCode !== undefined) {
    const candidates = [
      iccid === undefined ? undefined : (fleet.identity.indexOfIccid(iccid) ?? -1),
      eid === undefined ? undefined : (fleet.identity.indexOfEid(eid) ?? -1),
      registrationCode === undefined
        ? undefined
        : (fleet.identity.indexOfRegistrationCode(registrationCode) ?? -1),
    ].filter((c): c is number => c !== undefined);
    const index = candidates.every((c) => c === candidates[0]) ? (candidates[0] as number) : -1;
    const items =
      index >= 0 &&
      fleet.exists(index) &&
      fleet.account[index] === filter.account &&
      (filter.status < 0 || fleet.status[index] === filter.status) &&
      (filter.plan < 0 || fleet.ratePlan[index] === filter.plan)
        ? [index]
        : [];
    slice = pageOf(
      items,
      paging,
      (i) => i,
      (value) => fleet.identity.indexOfSimSid(value),
    );
  } else {
    slice = pageSims(fleet, filter, paging);
  }

  sendPage(ctx, {
    path: "/v1/Sims",
    key: "sims",
    filters: [
      ["Status", statusParam],
      ["Iccid", iccid],
      ["RatePlan", planParam],
      ["EId", eid],
      ["SimRegistrationCode", registrationCode],
    ],
    query: paging,
    slice,
    keyOf: (i) => fleet.identity.simSid(i),
    render: (i) => renderSim(ctx.world, i, ctx.origin),
  });
}

function nonEmpty(value: string | null): string | undefined {
  return value === null || value === "" ? undefined : value;
}
