import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditPagination } from "@/components/audit/audit-pagination";
import { AuditScope } from "@/components/audit/audit-scope";
import { AuditTable } from "@/components/audit/audit-table";
import { listAuditActionNames, listAuditEntries } from "@/lib/audit/query";
import { parseAuditQueryLenient } from "@/lib/audit/schemas";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/get-db";

export const metadata: Metadata = { title: "Audit" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every change attempted through the console: who, what, on which SIM, and how it ended. */
export default async function AuditPage({ searchParams }: Props) {
  await requirePageUser("audit.read");
  const query = parseAuditQueryLenient(await searchParams);
  const db = await getDb();
  const [page, actions] = await Promise.all([listAuditEntries(db, query), listAuditActionNames(db)]);
  const filtered = Boolean(
    query.person ||
      query.action ||
      query.sim ||
      query.job ||
      query.entry ||
      query.outcome ||
      query.from ||
      query.to,
  );

  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <div className="space-y-1">
        <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
          Audit
        </h1>
        <p className="text-sm text-muted-foreground">
          Every change attempted through the console, newest first: written before the change is sent to KORE
          and completed with its outcome.
        </p>
      </div>
      <AuditScope query={query} />
      <AuditFilters query={query} actions={actions} />
      {page.entries.length === 0 ? (
        <div className="rounded-md border border-dashed border-border p-8 text-center text-sm text-muted-foreground">
          {filtered
            ? "No audit entries match these filters."
            : "No changes have been made through the console yet."}
        </div>
      ) : (
        <>
          <AuditTable entries={page.entries} caption="Audit entries, newest first" />
          <AuditPagination query={query} pageCount={page.pageCount} total={page.total} />
        </>
      )}
    </section>
  );
}
