import { isSelfOrDescendant } from "../accounts";
import { errors } from "../errors";
import { sendJson } from "../http";
import { buildMeta, type PageQuery, type PageSlice } from "../paging";
import type { RatePlan } from "../rate-plans";
import type { RouteContext } from "../router";

/** Helpers several route modules need: resolving `{Sid}` references and writing list pages. */

/** A SIM of the caller's account by SID or unique name, or undefined. */
export function findSim(ctx: RouteContext, ref: string): number | undefined {
  const { fleet } = ctx.world;
  const account = ctx.caller.account;
  if (/^DE[0-9a-fA-F]{32}$/.test(ref)) {
    const index = fleet.identity.indexOfSimSid(ref);
    return index !== undefined && fleet.exists(index) && fleet.account[index] === account ? index : undefined;
  }
  return fleet.lookupUniqueName(account, ref);
}

/** Like `findSim` but answers 404 for the request path when the SIM is not visible. */
export function requireSim(ctx: RouteContext, ref: string, path: string): number {
  const index = findSim(ctx, ref);
  if (index === undefined) throw errors.notFound(path);
  return index;
}

export function planVisibleTo(ctx: RouteContext) {
  return (plan: RatePlan) => isSelfOrDescendant(ctx.world.accounts, plan.account, ctx.caller.account);
}

export function sendPage<T>(
  ctx: RouteContext,
  options: {
    path: string;
    key: string;
    filters: [string, string | undefined][];
    query: PageQuery;
    slice: PageSlice<T>;
    keyOf: (item: T) => string;
    render: (item: T) => unknown;
  },
): void {
  const { slice } = options;
  const first = slice.items[0];
  const last = slice.items[slice.items.length - 1];
  sendJson(ctx.res, 200, {
    [options.key]: slice.items.map(options.render),
    meta: buildMeta({
      origin: ctx.origin,
      path: options.path,
      filters: options.filters,
      key: options.key,
      query: options.query,
      firstKey: first === undefined ? undefined : options.keyOf(first),
      lastKey: last === undefined ? undefined : options.keyOf(last),
      hasNext: slice.hasNext,
      hasPrevious: slice.hasPrevious,
    }),
  });
}
