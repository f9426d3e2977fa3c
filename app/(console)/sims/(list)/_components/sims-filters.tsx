"use client";

import { ChevronDown, X } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import type { RatePlan } from "@/lib/kore/schemas";
import { knownSimStatus } from "@/lib/kore/sim-status";
import { checkIccid } from "@/lib/sims/iccid";
import { hasActiveFilters, type SimFilterKey, type SimSearchState } from "@/lib/sims/search-params";
import { STATUS_OPTIONS } from "@/lib/sims/status-info";
import { cn } from "@/lib/utils";
import { TextFilter, type TextFilterCheck } from "./text-filter";

type Filters = Pick<SimSearchState, SimFilterKey>;

type Props = {
  filters: Filters;
  onChange: (patch: Partial<Filters>) => void;
  onClear: () => void;
  ratePlans: RatePlan[] | undefined;
  iccidError?: string;
  iccidWarning?: string;
};

/** The five upstream filters. Every change lands in the URL and returns to the first page. */
export function SimsFilters({ filters, onChange, onClear, ratePlans, iccidError, iccidWarning }: Props) {
  const statusId = useId();
  const ratePlanId = useId();
  const moreId = useId();
  const [moreOpen, setMoreOpen] = useState(filters.eid !== null);
  const ratePlanOptions = ratePlanSelectOptions(ratePlans, filters.ratePlan);

  return (
    <form
      role="search"
      aria-label="Filter SIMs"
      onSubmit={(event) => event.preventDefault()}
      className="flex flex-col gap-2"
    >
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <div className="flex w-full flex-col gap-1 sm:w-40">
          <label htmlFor={statusId} className="text-sm font-medium">
            Status
          </label>
          <NativeSelect
            id={statusId}
            value={filters.status ?? ""}
            onChange={(event) => onChange({ status: knownSimStatus(event.target.value) })}
          >
            <option value="">Any status</option>
            {STATUS_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </NativeSelect>
        </div>

        <TextFilter
          label="ICCID"
          value={filters.iccid}
          onCommit={(iccid) => onChange({ iccid })}
          check={checkIccidInput}
          error={iccidError}
          warning={iccidWarning}
          inputMode="numeric"
          placeholder="e.g. 8901 2600 0000 0000 042"
          className="w-full sm:w-64"
        />

        <div className="flex w-full flex-col gap-1 sm:w-48">
          <label htmlFor={ratePlanId} className="text-sm font-medium">
            Rate plan
          </label>
          <NativeSelect
            id={ratePlanId}
            value={filters.ratePlan ?? ""}
            onChange={(event) => onChange({ ratePlan: event.target.value || null })}
          >
            <option value="">{ratePlans ? "Any rate plan" : "Any rate plan (loading plans…)"}</option>
            {ratePlanOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </NativeSelect>
        </div>

        <TextFilter
          label="Registration code"
          value={filters.registrationCode}
          onCommit={(registrationCode) => onChange({ registrationCode })}
          className="w-full sm:w-44"
        />

        <div className="flex items-center gap-2 sm:pt-6">
          <Button
            type="button"
            variant="ghost"
            size="sm"
            aria-expanded={moreOpen}
            aria-controls={moreId}
            onClick={() => setMoreOpen((open) => !open)}
          >
            More filters
            <ChevronDown aria-hidden className={cn("transition-transform", moreOpen && "rotate-180")} />
          </Button>
          <Button
            type="button"
            variant="outline"
            size="sm"
            onClick={onClear}
            disabled={!hasActiveFilters(filters)}
          >
            <X aria-hidden />
            Clear filters
          </Button>
        </div>
      </div>

      <div id={moreId} hidden={!moreOpen} className="max-w-sm">
        <TextFilter
          label={
            <>
              EID <span className="font-normal text-muted-foreground">(deprecated)</span>
            </>
          }
          value={filters.eid}
          onCommit={(eid) => onChange({ eid })}
          hint="KORE marks the EID filter as deprecated; it may stop working without notice."
        />
      </div>
    </form>
  );
}

function checkIccidInput(input: string): TextFilterCheck {
  const result = checkIccid(input);
  return result.ok ? { ok: true, value: result.iccid } : { ok: false, message: result.message };
}

/** Plans by name; a plan in the URL that is not in the list (a SID, a stale link) stays selectable. */
function ratePlanSelectOptions(ratePlans: RatePlan[] | undefined, selected: string | null) {
  const options = (ratePlans ?? [])
    .map((plan) => ({
      value: plan.uniqueName ?? plan.sid,
      label: plan.friendlyName ?? plan.uniqueName ?? plan.sid,
      sid: plan.sid,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (selected && !options.some((o) => o.value === selected || o.sid === selected)) {
    options.unshift({ value: selected, label: selected, sid: selected });
  }
  // A link may name the plan by SID; select the matching option rather than a duplicate.
  return options.map((o) => (selected && o.sid === selected ? { ...o, value: selected } : o));
}
