"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { previewJob } from "@/lib/actions/jobs";
import type { Role } from "@/lib/auth/permissions";
import type { JobFilter, JobSelection } from "@/lib/jobs/job-spec";
import { SIM_STATUSES, simStatusLabel } from "@/lib/kore/sim-status";
import { ratePlansQueryOptions } from "@/lib/queries/sims";
import { EMPTY_SPEC, JobSpecFields, type SpecDraft, toSpec } from "./job-spec-fields";
import { SimListInput } from "./sim-list-input";

const PARAM_FIELD: Partial<Record<SpecDraft["action"], string>> = {
  ratePlan: "ratePlan",
  callback: "commandsCallbackUrl",
  move: "accountSid",
};

type Props = {
  role: Role;
  /** The SIMs are already chosen (from the SIM table): only the action is asked for. */
  selection?: JobSelection;
  /** Filter to start from (e.g. the SIM table's), when the selection is not fixed. */
  initialFilter?: JobFilter;
  onDone?: () => void;
};

/**
 * Builds a job: which SIMs, which action, then "Preview". The preview is a draft job on the
 * server with every SIM checked; nothing changes until it is confirmed there.
 */
export function CreateJobForm({ role, selection, initialFilter, onDone }: Props) {
  const router = useRouter();
  const ids = { status: useId(), plan: useId() };
  const [mode, setMode] = useState<"filter" | "list">(
    initialFilter && Object.keys(initialFilter).length > 0 ? "filter" : "list",
  );
  const [filter, setFilter] = useState<JobFilter>(initialFilter ?? {});
  const [list, setList] = useState("");
  const [spec, setSpec] = useState<SpecDraft>(EMPTY_SPEC);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [pending, startTransition] = useTransition();
  const plans = useQuery({ ...ratePlansQueryOptions(), enabled: !selection && mode === "filter" });

  const chosen: JobSelection =
    selection ?? (mode === "filter" ? { kind: "filter", filter } : { kind: "list", text: list });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await previewJob({ spec: toSpec(spec) as never, selection: chosen });
      if (!result.ok) {
        const fieldErrors = result.error.fieldErrors ?? {};
        const byField: Record<string, string | undefined> = {};
        for (const [path, messages] of Object.entries(fieldErrors)) byField[path] = messages[0];
        // Input errors come back per top-level key: the action's one parameter field is the culprit.
        if (byField.spec) byField[PARAM_FIELD[spec.action] ?? "spec"] = byField.spec;
        setErrors(byField);
        toast.error(byField.selection ?? result.error.message);
        return;
      }
      setErrors({});
      onDone?.();
      router.push(`/jobs/${result.data.jobId}`);
    });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-6" noValidate>
      {selection ? null : (
        <section aria-labelledby="selection-heading" className="flex flex-col gap-3">
          <h2 id="selection-heading" className="text-lg font-semibold">
            SIMs
          </h2>
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="sr-only">Choose SIMs by</legend>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="selection-mode"
                checked={mode === "filter"}
                onChange={() => setMode("filter")}
              />
              Every SIM matching a filter
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="selection-mode"
                checked={mode === "list"}
                onChange={() => setMode("list")}
              />
              A list of ICCIDs or SIDs
            </label>
          </fieldset>
          {mode === "filter" ? (
            <div className="flex flex-wrap gap-3">
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={ids.status}>Status</Label>
                <NativeSelect
                  id={ids.status}
                  value={filter.status ?? ""}
                  onChange={(e) =>
                    setFilter({ ...filter, status: (e.target.value || undefined) as JobFilter["status"] })
                  }
                >
                  <option value="">Any status</option>
                  {SIM_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {simStatusLabel(status)}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={ids.plan}>Rate plan</Label>
                <NativeSelect
                  id={ids.plan}
                  value={filter.ratePlan ?? ""}
                  onChange={(e) => setFilter({ ...filter, ratePlan: e.target.value || undefined })}
                  className="min-w-56"
                >
                  <option value="">Any rate plan</option>
                  {filter.ratePlan && !plans.data?.some((p) => p.sid === filter.ratePlan) ? (
                    <option value={filter.ratePlan}>{filter.ratePlan}</option>
                  ) : null}
                  {(plans.data ?? []).map((plan) => (
                    <option key={plan.sid} value={plan.sid}>
                      {plan.friendlyName ?? plan.uniqueName ?? plan.sid}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              {filter.iccid || filter.registrationCode || filter.eid ? (
                <p className="self-end text-sm text-muted-foreground">
                  Also filtered by{" "}
                  {[
                    filter.iccid && `ICCID ${filter.iccid}`,
                    filter.registrationCode && `registration code ${filter.registrationCode}`,
                    filter.eid && `EID ${filter.eid}`,
                  ]
                    .filter(Boolean)
                    .join(", ")}
                  .
                </p>
              ) : null}
            </div>
          ) : (
            <SimListInput value={list} onChange={setList} />
          )}
        </section>
      )}

      <section aria-labelledby="action-heading" className="flex flex-col gap-3">
        <h2 id="action-heading" className="text-lg font-semibold">
          What to do
        </h2>
        <JobSpecFields value={spec} onChange={setSpec} role={role} errors={errors} />
      </section>

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending || (mode === "list" && !selection && list.trim() === "")}>
          {pending ? "Checking every SIM…" : "Preview"}
        </Button>
        <p className="text-sm text-muted-foreground">Nothing changes until you confirm the preview.</p>
      </div>
    </form>
  );
}
