"use client";

import { useQuery } from "@tanstack/react-query";
import { Info } from "lucide-react";
import { parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { useId } from "react";
import { UsageChart } from "@/components/sims/usage-chart";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { simUsageQueryOptions } from "@/lib/queries/sim-detail";
import {
  formatBytes,
  USAGE_RANGE_LABELS,
  USAGE_RANGES,
  type UsageSummary,
  usageQuerySchema,
} from "@/lib/sims/usage-summary";

const usageParams = {
  range: parseAsStringLiteral(USAGE_RANGES).withDefault("7d"),
  start: parseAsString.withDefault(""),
  end: parseAsString.withDefault(""),
};

/** Data and commands over a chosen range (kept in the address), with the 24–48 h lag said plainly. */
export function UsageTab({ sid }: { sid: string }) {
  const [params, setParams] = useQueryStates(usageParams, { history: "replace" });
  const parsed = usageQuerySchema.safeParse({
    range: params.range,
    start: params.start || undefined,
    end: params.end || undefined,
  });
  const errors: Record<string, string> = {};
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const usage = useQuery({
    ...simUsageQueryOptions(sid, parsed.success ? parsed.data : { range: "7d" }),
    enabled: parsed.success,
  });
  const rangeId = useId();
  const startId = useId();
  const endId = useId();

  return (
    <div className="flex flex-col gap-4">
      <p
        role="note"
        className="flex items-start gap-2 rounded-md border border-border bg-muted/50 px-3 py-2 text-sm"
      >
        <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
        Usage reaches KORE with a delay of up to 24 hours and is normally complete after 48 hours. Low or zero
        usage for today or yesterday does not mean the device was offline.
      </p>
      <div className="flex flex-wrap items-start gap-3">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={rangeId}>Range</Label>
          <NativeSelect
            id={rangeId}
            value={params.range}
            onChange={(e) => setParams({ range: e.target.value as (typeof USAGE_RANGES)[number] })}
          >
            {USAGE_RANGES.map((r) => (
              <option key={r} value={r}>
                {USAGE_RANGE_LABELS[r]}
              </option>
            ))}
          </NativeSelect>
        </div>
        {params.range === "custom" ? (
          <>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={startId}>Start</Label>
              <Input
                id={startId}
                type="date"
                value={params.start}
                onChange={(e) => setParams({ start: e.target.value })}
                aria-invalid={errors.start ? true : undefined}
                aria-describedby={`${startId}-error`}
              />
              <FieldError id={`${startId}-error`} message={errors.start} />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={endId}>End</Label>
              <Input
                id={endId}
                type="date"
                value={params.end}
                onChange={(e) => setParams({ end: e.target.value })}
                aria-invalid={errors.end ? true : undefined}
                aria-describedby={`${endId}-error`}
              />
              <FieldError id={`${endId}-error`} message={errors.end} />
            </div>
          </>
        ) : null}
      </div>
      {!parsed.success ? null : usage.isPending ? (
        <div role="status" className="h-72 animate-pulse rounded-md bg-muted">
          <span className="sr-only">Loading usage…</span>
        </div>
      ) : usage.isError ? (
        <p role="alert" className="text-sm text-destructive">
          Usage could not be loaded: {usage.error.message}
        </p>
      ) : (
        <UsageDetails summary={usage.data} />
      )}
    </div>
  );
}

function UsageDetails({ summary }: { summary: UsageSummary }) {
  const roaming = summary.nationalRoaming.data + summary.internationalRoaming.reduce((a, c) => a + c.data, 0);
  return (
    <div className="flex flex-col gap-4">
      {summary.points.length === 0 ? (
        <p role="status" className="text-sm text-muted-foreground">
          No usage recorded in this period.
        </p>
      ) : (
        <UsageChart
          points={summary.points}
          granularity={summary.granularity}
          label={`Data usage ${summary.granularity === "hourly" ? "per hour" : "per day"}: ${formatBytes(summary.data.upload)} uploaded and ${formatBytes(summary.data.download)} downloaded in total.`}
        />
      )}
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm md:grid-cols-4">
        <Stat term="Data uploaded" value={formatBytes(summary.data.upload)} />
        <Stat term="Data downloaded" value={formatBytes(summary.data.download)} />
        <Stat term="Data total" value={formatBytes(summary.data.total)} />
        <Stat
          term="Commands from SIM / to SIM"
          value={`${summary.commands.fromSim} / ${summary.commands.toSim}`}
        />
      </dl>
      <table className="w-full max-w-2xl text-sm">
        <caption className="mb-2 text-left font-medium">Home network and roaming</caption>
        <thead>
          <tr className="border-b border-border text-left text-muted-foreground">
            <th scope="col" className="py-1 pr-4 font-medium">
              Network
            </th>
            <th scope="col" className="py-1 pr-4 font-medium">
              Data
            </th>
            <th scope="col" className="py-1 font-medium">
              Commands
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-b border-border">
            <th scope="row" className="py-1 pr-4 text-left font-normal">
              Home
            </th>
            <td className="py-1 pr-4">{formatBytes(summary.home.data)}</td>
            <td className="py-1">{summary.home.commands}</td>
          </tr>
          <tr className="border-b border-border">
            <th scope="row" className="py-1 pr-4 text-left font-normal">
              National roaming
            </th>
            <td className="py-1 pr-4">{formatBytes(summary.nationalRoaming.data)}</td>
            <td className="py-1">{summary.nationalRoaming.commands}</td>
          </tr>
          {summary.internationalRoaming.map((c) => (
            <tr key={c.countryCode} className="border-b border-border">
              <th scope="row" className="py-1 pr-4 text-left font-normal">
                Roaming in {c.countryCode}
              </th>
              <td className="py-1 pr-4">{formatBytes(c.data)}</td>
              <td className="py-1">{c.commands}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-muted-foreground">
        {roaming > 0
          ? `${formatBytes(roaming)} of the data was used while roaming.`
          : "No roaming data in this period."}{" "}
        Period: {summary.start} to {summary.end} (UTC).
      </p>
    </div>
  );
}

function Stat({ term, value }: { term: string; value: string }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium text-muted-foreground">{term}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
