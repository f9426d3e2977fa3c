import { hash32, hex8, unit } from "./hash";
import { HOUR, type Interval, PROFILES, ROAMING } from "./seed-model";

/**
 * Data sessions, generated from a SIM's network-access intervals. Inside each interval the device
 * attaches at the start, stays attached for a seeded while, sleeps, attaches again; a
 * connectivity reset ends the open session and a new one starts when the reset completes.
 * Boundaries depend only on the seed and the interval start, so the same session keeps the same
 * SID and times on every request and after clock advances.
 */
export type Session = {
  sid: string;
  start: number;
  /** Undefined while the session is open at `now`. */
  end: number | undefined;
  lastUpdated: number;
  operator: Operator;
  radioLink: string;
  cellId: string;
  lat: number;
  lon: number;
  packetsUploaded: number;
  packetsDownloaded: number;
};

export type Operator = { mcc: string; mnc: string; country: string; name: string; lat: number; lon: number };

const OPERATORS: Record<string, Operator> = {
  home: { mcc: "310", mnc: "260", country: "USA", name: "T-Mobile", lat: 30.2672, lon: -97.7431 },
  national: { mcc: "310", mnc: "410", country: "USA", name: "AT&T", lat: 39.7392, lon: -104.9903 },
  MX: { mcc: "334", mnc: "020", country: "MEX", name: "Telcel", lat: 25.6866, lon: -100.3161 },
  CA: { mcc: "302", mnc: "720", country: "CAN", name: "Rogers", lat: 43.6532, lon: -79.3832 },
  GB: { mcc: "234", mnc: "15", country: "GBR", name: "Vodafone UK", lat: 53.8008, lon: -1.5491 },
};

export type SessionInput = {
  seed: number;
  index: number;
  usageClass: number;
  weight: number;
  activity: Interval[];
  resets: { at: number; doneAt: number | undefined }[];
};

/** Sessions overlapping [from, now], oldest first. */
export function sessionsBetween(input: SessionInput, from: number, now: number): Session[] {
  const out: Session[] = [];
  for (const [intervalStart, intervalEnd] of input.activity) {
    if (intervalStart > now) continue;
    let start = intervalStart;
    let n = 0;
    const limit = Math.min(intervalEnd, now);
    while (start < limit && n < 100_000) {
      const salt = hash32(input.index, Math.floor(intervalStart / 1000), n);
      const profile = input.usageClass % PROFILES;
      // Gateways hold long sessions; meters and trackers come and go.
      const maxHours = profile === 2 ? 72 : 20;
      let end = start + Math.floor((1 + unit(input.seed, salt, 1) * (maxHours - 1)) * HOUR);
      let next = end + Math.floor(60_000 + unit(input.seed, salt, 2) * 4 * HOUR);
      const reset = input.resets.find((r) => r.at > start && r.at < end);
      if (reset) {
        end = reset.at;
        next = reset.doneAt ?? Infinity;
      } else {
        // A reset while the device sleeps still makes it attach again when the reset completes.
        const asleep = input.resets.find((r) => r.at >= end && r.at < next);
        if (asleep) next = Math.min(next, asleep.doneAt ?? Infinity);
      }
      if (end > intervalEnd) end = intervalEnd;
      const open = end > now;
      if ((open ? now : end) >= from) out.push(build(input, salt, start, open ? undefined : end, now));
      start = next;
      n++;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The session open at `time`, if the device is attached then. */
export function sessionAt(input: SessionInput, time: number): Session | undefined {
  // One millisecond past `time`, so a session that starts exactly then counts as attached.
  return sessionsBetween(input, time, time + 1).find(
    (s) => s.start <= time && (s.end === undefined || s.end > time),
  );
}

function build(
  input: SessionInput,
  salt: number,
  start: number,
  end: number | undefined,
  now: number,
): Session {
  const { seed } = input;
  const roaming = ROAMING[
    Math.floor(input.usageClass / PROFILES) % ROAMING.length
  ] as (typeof ROAMING)[number];
  const key =
    roaming.kind === "international"
      ? unit(seed, salt, 3) < 0.8
        ? roaming.country
        : "home"
      : roaming.kind === "national" && unit(seed, salt, 3) < 0.3
        ? "national"
        : "home";
  const operator = OPERATORS[key] as Operator;
  const lastUpdated = end ?? Math.max(start, now);
  const minutes = Math.max(1, (lastUpdated - start) / 60_000);
  const rate = 1 + input.weight / 40;
  const cell = hash32(seed, salt, 4);
  const profile = input.usageClass % PROFILES;
  return {
    sid: `WN${hex8(seed, salt, 5)}${hex8(seed, salt, 6)}${hex8(seed, salt, 7)}${hex8(seed, input.index, start / 1000)}`,
    start,
    end,
    lastUpdated,
    operator,
    radioLink: profile === 0 ? "LTE-M" : unit(seed, salt, 8) < 0.1 ? "3G" : "LTE",
    cellId: String(cell % 268_435_456),
    lat: round4(operator.lat + ((cell & 0xff) - 128) / 2560),
    lon: round4(operator.lon + (((cell >>> 8) & 0xff) - 128) / 2560),
    packetsUploaded: Math.floor(minutes * rate * 0.3),
    packetsDownloaded: Math.floor(minutes * rate),
  };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
