import Link from "next/link";
import type { AuditQuery } from "@/lib/audit/schemas";
import { toSearch } from "./audit-pagination";

/**
 * Says what the page is narrowed to when it was opened from a job (`job`) or a job's per-SIM result
 * (`entry`): neither has a field in the filter form, so without this line the page would look like
 * the whole trail with rows missing. Each offers the way back out.
 */
export function AuditScope({ query }: { query: AuditQuery }) {
  if (!query.job && !query.entry) return null;
  const without = (key: "job" | "entry") => `/audit${searchOf({ ...query, [key]: undefined, page: 1 })}`;
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1 rounded-md border border-border bg-muted/40 px-3 py-2 text-sm">
      {query.entry ? (
        <p>
          Showing one audit entry
          {query.sim ? (
            <>
              {" "}
              of SIM <span className="font-mono">{query.sim}</span>
            </>
          ) : null}
          .{" "}
          <Link href={without("entry")} className="text-primary underline underline-offset-4">
            {query.sim ? "Show every entry for this SIM" : "Show every entry"}
          </Link>
        </p>
      ) : null}
      {query.job ? (
        <p>
          Showing the entries of{" "}
          <Link href={`/jobs/${query.job}`} className="text-primary underline underline-offset-4">
            job {query.job}
          </Link>
          .{" "}
          <Link href={without("job")} className="text-primary underline underline-offset-4">
            Show entries of every job
          </Link>
        </p>
      ) : null}
    </div>
  );
}

function searchOf(query: AuditQuery): string {
  const search = toSearch(query);
  return search ? `?${search}` : "";
}
