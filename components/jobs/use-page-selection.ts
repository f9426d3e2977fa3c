"use client";

import { useCallback, useMemo, useState } from "react";

/**
 * Rows ticked on the page on screen. Selection is per page on purpose: KORE pages by cursor and
 * gives no totals, so "everything across pages" is a filter (the preview resolves it), not a
 * growing list of rows nobody can see any more. Ticks on rows no longer shown are dropped.
 */
const NONE: readonly string[] = [];

/** `rows`: the page on screen as fetched (a stable array per fetch), or undefined while there is none. */
export function usePageSelection(rows: readonly { sid: string }[] | undefined) {
  const pageIds = useMemo(() => rows?.map((row) => row.sid) ?? NONE, [rows]);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const onPage = useMemo(() => new Set(pageIds), [pageIds]);
  const selected = useMemo(() => pageIds.filter((id) => ticked.has(id)), [pageIds, ticked]);

  const toggle = useCallback((id: string, on: boolean) => {
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const setAll = useCallback((on: boolean) => setTicked(on ? new Set(onPage) : new Set()), [onPage]);
  const clear = useCallback(() => setTicked(new Set()), []);

  // Stable between renders unless the ticks or the page change: tables memoise columns on it.
  return useMemo(
    () => ({
      selected,
      isSelected: (id: string) => ticked.has(id) && onPage.has(id),
      allSelected: pageIds.length > 0 && selected.length === pageIds.length,
      someSelected: selected.length > 0 && selected.length < pageIds.length,
      toggle,
      setAll,
      clear,
    }),
    [selected, ticked, onPage, pageIds.length, toggle, setAll, clear],
  );
}

export type PageSelection = ReturnType<typeof usePageSelection>;
