import { listAuditEntries } from "@/lib/audit/query";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { getDb } from "@/lib/db/get-db";
import { defineRoute } from "@/lib/http/define-route";

export const dynamic = "force-dynamic";

/** The audit trail, filtered and paged exactly like the `/audit` page (same query parameters). */
export const GET = defineRoute({ permission: "audit.read", query: auditQuerySchema }, async (_ctx, query) =>
  listAuditEntries(await getDb(), query),
);

export type GetAuditResponse = Awaited<ReturnType<typeof listAuditEntries>>;
