"use client";

import { useEffect, useState } from "react";

/**
 * The entry a deep link points at: `#entry-<id>` in the hash, or `?entry=<id>` in the query (for
 * links that must survive a server redirect, which drops the hash). Read from `window.location`
 * after hydration rather than `useSearchParams`, so the tab needs no Suspense boundary and keeps
 * following the hash when someone clicks an entry's own link.
 */
export function useEntryTarget(): string | null {
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    const read = () => setTarget(targetFromLocation(window.location));
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  return target;
}

export function targetFromLocation(location: { hash: string; search: string }): string | null {
  const hash = decodeURIComponent(location.hash.replace(/^#/, ""));
  if (hash.startsWith("entry-") && hash.length > "entry-".length) return hash.slice("entry-".length);
  const fromQuery = new URLSearchParams(location.search).get("entry");
  return fromQuery && fromQuery.length > 0 ? fromQuery : null;
}
