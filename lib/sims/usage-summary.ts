/**
 * A SIM's usage for the Usage tab: which period and granularity to ask KORE for (sim-api.md
 * §13.2), and the records folded into chart points and totals. Pure, with `now` passed in.
 *
 * Usage lags up to 24 h upstream and is normally complete within 48 h, so the newest points are
 * not final; the tab says so rather than letting "0 today" read as "offline today".
 */
import { z } from "zod";
import type { UsageRecord } from "@/lib/kore/schemas";

export const USAGE_RANGES = ["24h", "7d", "30d", "custom"] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];
export const USAGE_RANGE_LABELS: Record<UsageRange, string> = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom",
};

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** KORE keeps usage for 18 months. */
export const USAGE_RETENTION_DAYS = 548;
/** Longer spans than this are shown per day: 72 hourly bars are the most a chart stays legible with. */
const HOURLY_MAX_SPAN = 3 * DAY;

/** A calendar date (YYYY-MM-DD, UTC) as the custom range inputs give it. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD.");

export const usageQuerySchema = z
  .object({
    range: z.enum(USAGE_RANGES).default("7d"),
    start: day.optional(),
    end: day.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.range !== "custom") return;
    if (!q.start) ctx.addIssue({ code: "custom", path: ["start"], message: "Choose a start date." });
    if (!q.end) ctx.addIssue({ code: "custom", path: ["end"], message: "Choose an end date." });
    if (q.start && q.end && q.start > q.end) {
      ctx.addIssue({
        code: "custom",
        path: ["end"],
        message: "The end date must not be before the start date.",
      });
    }
  });
export type UsageQuery = z.output<typeof usageQuerySchema>;

export type UsageWindow = { start: string; end: string; granularity: "hourly" | "daily" };

/** The period to ask for. Custom ranges cover whole UTC days, end day included. */
export function usageWindow(query: UsageQuery, now: number): UsageWindow {
  if (query.range === "custom" && query.start && query.end) {
    const start = Date.parse(`${query.start}T00:00:00Z`);
    const end = Math.min(Date.parse(`${query.end}T00:00:00Z`) + DAY, ceilHour(now));
    const from = Math.max(start, now - USAGE_RETENTION_DAYS * DAY);
    return {
      start: iso(from),
      end: iso(Math.max(end, from + HOUR)),
      granularity: end - from <= HOURLY_MAX_SPAN ? "hourly" : "daily",
    };
  }
  const end = ceilHour(now);
  if (query.range === "24h") return { start: iso(end - DAY), end: iso(end), granularity: "hourly" };
  const days = query.range === "30d" ? 30 : 7;
  const endDay = Math.ceil(now / DAY) * DAY;
  return { start: iso(endDay - days * DAY), end: iso(endDay), granularity: "daily" };
}

export type UsagePoint = { start: string; upload: number; download: number };

export type UsageSummary = UsageWindow & {
  points: UsagePoint[];
  data: { upload: number; download: number; total: number };
  commands: { fromSim: number; toSim: number; total: number };
  /** Bytes and commands on the home network, in national roaming, and per roaming country. */
  home: { data: number; commands: number };
  nationalRoaming: { data: number; commands: number };
  internationalRoaming: { countryCode: string; data: number; commands: number }[];
};

export function summarizeUsage(window: UsageWindow, records: UsageRecord[]): UsageSummary {
  const points = records
    .filter((r) => r.period.start)
    .map((r) => ({ start: r.period.start as string, upload: r.data.upload, download: r.data.download }))
    .sort((a, b) => a.start.localeCompare(b.start));
  const sum = (pick: (r: UsageRecord) => number) => records.reduce((acc, r) => acc + pick(r), 0);
  const countries = new Map<string, { data: number; commands: number }>();
  for (const r of records) {
    for (const c of r.data.internationalRoaming) add(countries, c.countryCode ?? "?", c.total, 0);
    for (const c of r.commands.internationalRoaming) add(countries, c.countryCode ?? "?", 0, c.total);
  }
  return {
    ...window,
    points,
    data: {
      upload: sum((r) => r.data.upload),
      download: sum((r) => r.data.download),
      total: sum((r) => r.data.total),
    },
    commands: {
      fromSim: sum((r) => r.commands.fromSim),
      toSim: sum((r) => r.commands.toSim),
      total: sum((r) => r.commands.total),
    },
    home: { data: sum((r) => r.data.home?.total ?? 0), commands: sum((r) => r.commands.home?.total ?? 0) },
    nationalRoaming: {
      data: sum((r) => r.data.nationalRoaming?.total ?? 0),
      commands: sum((r) => r.commands.nationalRoaming?.total ?? 0),
    },
    internationalRoaming: [...countries.entries()]
      .map(([countryCode, v]) => ({ countryCode, ...v }))
      .sort((a, b) => b.data - a.data || a.countryCode.localeCompare(b.countryCode)),
  };
}

const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** 1536 → "1.5 KB" (binary multiples, as KORE's 250 KB activation threshold is). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits).replace(/\.0+$|(\.\d*[1-9])0+$/, "$1")} ${UNITS[unit]}`;
}

function add(
  map: Map<string, { data: number; commands: number }>,
  key: string,
  data: number,
  commands: number,
) {
  const entry = map.get(key) ?? { data: 0, commands: 0 };
  entry.data += data;
  entry.commands += commands;
  map.set(key, entry);
}

function ceilHour(ms: number): number {
  return Math.ceil(ms / HOUR) * HOUR;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
}
