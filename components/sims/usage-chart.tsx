"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBytes, type UsagePoint } from "@/lib/sims/usage-summary";

type Props = {
  points: UsagePoint[];
  granularity: "hourly" | "daily";
  /** Describes the chart for screen readers (the totals beside it carry the numbers). */
  label: string;
};

const hourFormat = new Intl.DateTimeFormat("en", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  hour12: false,
});
const dayFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

/** Upload and download per hour or per day, stacked, in UTC like every date the upstream sends. */
export function UsageChart({ points, granularity, label }: Props) {
  const format = (value: string) =>
    (granularity === "hourly" ? hourFormat : dayFormat).format(new Date(value));
  return (
    <figure className="flex flex-col gap-2">
      <div role="img" aria-label={label} className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={points}
            margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} className="stroke-border" />
            <XAxis dataKey="start" tickFormatter={format} tick={{ fontSize: 12 }} minTickGap={16} />
            <YAxis tickFormatter={(v: number) => formatBytes(v)} tick={{ fontSize: 12 }} width={72} />
            <Tooltip
              labelFormatter={(value) => `${format(String(value))} UTC`}
              formatter={(value, name) => [formatBytes(Number(value)), name]}
              contentStyle={{
                background: "var(--card)",
                border: "1px solid var(--border)",
                color: "var(--foreground)",
              }}
            />
            <Legend />
            <Bar dataKey="upload" name="Upload" stackId="data" fill="#2563eb" />
            <Bar dataKey="download" name="Download" stackId="data" fill="#059669" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-muted-foreground">
        {granularity === "hourly" ? "Per hour" : "Per day"}, UTC. Usage reaches KORE with a delay of up to 24
        hours and is normally complete after 48 hours, so the most recent bars may still grow.
      </figcaption>
    </figure>
  );
}
