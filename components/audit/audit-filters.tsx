import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { AUDIT_OUTCOME_LABELS, AUDIT_OUTCOMES, AUDIT_PAGE_SIZES, type AuditQuery } from "@/lib/audit/schemas";

/**
 * The audit filters as a plain GET form: submitting writes them into the URL (shareable,
 * back-button friendly) and works without JavaScript. Any change starts again at page 1.
 */
export function AuditFilters({ query, actions }: { query: AuditQuery; actions: string[] }) {
  const actionOptions =
    query.action && !actions.includes(query.action) ? [query.action, ...actions] : actions;
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      aria-label="Filter the audit trail"
      className="space-y-3"
    >
      {/* Narrowing a job's entries keeps to that job; one entry (`entry`) gives way to the filters. */}
      {query.job ? <input type="hidden" name="job" value={query.job} /> : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="space-y-1.5">
          <Label htmlFor="audit-person">Person</Label>
          <Input
            id="audit-person"
            name="person"
            defaultValue={query.person ?? ""}
            placeholder="Email contains…"
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <NativeSelect id="audit-action" name="action" defaultValue={query.action ?? ""} className="w-full">
            <option value="">Any action</option>
            {actionOptions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="audit-sim">SIM</Label>
          <Input id="audit-sim" name="sim" defaultValue={query.sim ?? ""} placeholder="SIM SID (DE…)" />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="audit-outcome">Outcome</Label>
          <NativeSelect
            id="audit-outcome"
            name="outcome"
            defaultValue={query.outcome ?? ""}
            className="w-full"
          >
            <option value="">Any outcome</option>
            {AUDIT_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {AUDIT_OUTCOME_LABELS[outcome]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="audit-from">From (UTC)</Label>
          <Input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="audit-to">To (UTC)</Label>
          <Input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="audit-page-size">Rows per page</Label>
          <NativeSelect
            id="audit-page-size"
            name="pageSize"
            defaultValue={String(query.pageSize)}
            className="w-full"
          >
            {AUDIT_PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <div className="flex gap-2">
        <Button type="submit">Apply filters</Button>
        <Button variant="outline" asChild>
          <Link href="/audit">Clear filters</Link>
        </Button>
      </div>
    </form>
  );
}
