import { errors } from "./errors";
import type { Fleet } from "./fleet";
import type { PageQuery, PageSlice } from "./paging";
import { DELETED } from "./seed-model";

/**
 * Paging over the fleet's typed columns. List order is the fleet index (= date_created order),
 * so a `PA`/`PB` token is just a SID turned back into its index, and the next page starts right
 * after it even if that SIM has since been deleted or moved. A scan compares a few bytes per SIM:
 * a full pass over 1,000,000 SIMs takes about a millisecond, so no secondary index is needed.
 */
export type SimFilter = {
  account: number;
  /** Status code to match, or -1 for any. */
  status: number;
  /** Rate plan index to match, or -1 for any. */
  plan: number;
};

export function pageSims(fleet: Fleet, filter: SimFilter, query: PageQuery): PageSlice<number> {
  const { status, account, ratePlan } = fleet;
  const size = fleet.size;
  const wantStatus = filter.status;
  const wantPlan = filter.plan;
  const wantAccount = filter.account;
  // A local copy: imported bindings compile to property getters under tsx's CommonJS output.
  const deleted = DELETED;
  const matches = (i: number) =>
    status[i] !== deleted &&
    account[i] === wantAccount &&
    (wantStatus < 0 || status[i] === wantStatus) &&
    (wantPlan < 0 || ratePlan[i] === wantPlan);

  const forward = (from: number, limit: number, skip = 0): number[] => {
    const out: number[] = [];
    let skipped = 0;
    for (let i = from; i < size && out.length < limit; i++) {
      if (!matches(i)) continue;
      if (skipped < skip) skipped++;
      else out.push(i);
    }
    return out;
  };
  const anyBefore = (end: number) => {
    for (let i = end - 1; i >= 0; i--) if (matches(i)) return true;
    return false;
  };
  const anyFrom = (start: number) => {
    for (let i = start; i < size; i++) if (matches(i)) return true;
    return false;
  };

  const n = query.pageSize;
  if (!query.token) {
    const items = forward(0, n, query.page * n);
    const last = items[items.length - 1];
    return {
      items,
      hasNext: last !== undefined && anyFrom(last + 1),
      hasPrevious: query.page > 0 && items.length > 0,
    };
  }
  const position = fleet.identity.indexOfSimSid(query.token.value);
  if (position === undefined) throw errors.invalidPaging("PageToken was not issued by this API");
  if (query.token.direction === "after") {
    const items = forward(position + 1, n);
    const first = items[0];
    const last = items[items.length - 1];
    return {
      items,
      hasNext: last !== undefined && anyFrom(last + 1),
      hasPrevious: first !== undefined && anyBefore(first),
    };
  }
  const items: number[] = [];
  for (let i = position - 1; i >= 0 && items.length < n; i--) if (matches(i)) items.push(i);
  items.reverse();
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    hasNext: last !== undefined && anyFrom(last + 1),
    hasPrevious: first !== undefined && anyBefore(first),
  };
}
