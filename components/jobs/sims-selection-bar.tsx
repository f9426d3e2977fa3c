"use client";

import { Button } from "@/components/ui/button";
import { can, type Role } from "@/lib/auth/permissions";
import { plural } from "@/lib/jobs/format";
import { JOB_ACTION_INFO, JOB_ACTIONS, type JobFilter } from "@/lib/jobs/job-spec";
import { CreateJobDialog } from "./create-job-dialog";
import { ExportCsvButton } from "./export-csv-button";

type Props = {
  role: Role;
  /** SIDs of the rows ticked on this page. */
  selected: string[];
  /** The table's current filter (status, rate plan, …), without paging. */
  filter: JobFilter;
  filtered: boolean;
  onClear: () => void;
};

/**
 * The SIM table's bulk bar: act on the rows ticked on this page, or on every SIM matching the
 * filter across all pages (counted by the preview: KORE gives no totals), and export the same.
 */
export function SimsSelectionBar({ role, selected, filter, filtered, onClear }: Props) {
  const mayRunJobs = JOB_ACTIONS.some((action) => can({ role }, JOB_ACTION_INFO[action].permission));
  const scope = filtered
    ? "every SIM matching the current filters, on all pages"
    : "every SIM of the account";
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Bulk actions">
      {selected.length > 0 ? (
        <>
          <span className="text-sm font-medium" role="status">
            {plural(selected.length, "SIM")} selected on this page
          </span>
          {mayRunJobs ? (
            <CreateJobDialog
              role={role}
              selection={{ kind: "sids", sids: selected }}
              label="Create job for selected…"
              description={`For the ${plural(selected.length, "SIM")} you selected on this page.`}
            />
          ) : null}
          <Button type="button" size="sm" variant="ghost" onClick={onClear}>
            Clear selection
          </Button>
        </>
      ) : null}
      {mayRunJobs ? (
        <CreateJobDialog
          role={role}
          selection={{ kind: "filter", filter }}
          label={filtered ? "Select all matching this filter…" : "Select all SIMs…"}
          description={`For ${scope}. The preview counts them and checks each one before anything changes.`}
        />
      ) : null}
      <ExportCsvButton filter={filter} />
    </div>
  );
}
