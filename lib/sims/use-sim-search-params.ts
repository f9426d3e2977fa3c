"use client";

import { useQueryStates } from "nuqs";
import { simSearchParsers } from "./search-params";

/**
 * The SIM table's URL state in the browser, with the same parsers the server page loads it with.
 * Every change is a history entry (back undoes a filter or a page turn) and stays client-side:
 * the table refetches through React Query, the server component does not re-render.
 */
export function useSimSearchParams() {
  return useQueryStates(simSearchParsers, { history: "push", scroll: false, shallow: true });
}
