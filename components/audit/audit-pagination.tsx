import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { AuditQuery } from "@/lib/audit/schemas";

/** "Page X of Y" with links that keep every filter. */
export function AuditPagination({
  query,
  pageCount,
  total,
}: {
  query: AuditQuery;
  pageCount: number;
  total: number;
}) {
  const href = (page: number) => `/audit?${toSearch({ ...query, page })}`;
  const hasPrevious = query.page > 1;
  const hasNext = query.page < pageCount;
  return (
    <nav aria-label="Audit pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p aria-live="polite">
        Page {Math.min(query.page, pageCount)} of {pageCount} · {total} {total === 1 ? "entry" : "entries"}
      </p>
      <div className="flex gap-2">
        {hasPrevious ? (
          <Button variant="outline" size="sm" asChild>
            <Link href={href(query.page - 1)}>Previous page</Link>
          </Button>
        ) : (
          <Button variant="outline" size="sm" disabled>
            Previous page
          </Button>
        )}
        {hasNext ? (
          <Button variant="outline" size="sm" asChild>
            <Link href={href(query.page + 1)}>Next page</Link>
          </Button>
        ) : (
          <Button variant="outline" size="sm" disabled>
            Next page
          </Button>
        )}
      </div>
    </nav>
  );
}

/** The query as URL parameters, defaults left out so links stay short. */
export function toSearch(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === "") continue;
    if (key === "page" && value === 1) continue;
    if (key === "pageSize" && value === 50) continue;
    params.set(key, String(value));
  }
  return params.toString();
}
