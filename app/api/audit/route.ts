import { type AuditEntry, listAuditEntries } from "@/lib/audit/query";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { getDb } from "@/lib/db/get-db";
import { defineRoute } from "@/lib/http/define-route";

export const dynamic = "force-dynamic";

/** The audit trail, filtered and paged exactly like the `/audit` page (same query parameters). */
export const GET = defineRoute({ permission: "audit.read", query: auditQuerySchema }, async (_ctx, query) => {
  const page = await listAuditEntries(await getDb(), query);
  return { ...page, entries: page.entries.map(toJson) };
});

/** An audit entry as this route sends it: dates as ISO strings. */
export type AuditEntryJson = Omit<AuditEntry, "createdAt" | "completedAt"> & {
  createdAt: string;
  completedAt: string | null;
};

export type GetAuditResponse = Omit<Awaited<ReturnType<typeof listAuditEntries>>, "entries"> & {
  entries: AuditEntryJson[];
};

function toJson(entry: AuditEntry): AuditEntryJson {
  return {
    ...entry,
    createdAt: entry.createdAt.toISOString(),
    completedAt: entry.completedAt?.toISOString() ?? null,
  };
}
