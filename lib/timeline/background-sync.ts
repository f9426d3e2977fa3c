/**
 * Starts this process's background Monitor event sync with the configured interval
 * (EVENT_SYNC_INTERVAL_SECONDS; 0 switches it off). Called from instrumentation.ts at start-up;
 * calling it again is harmless (one runner per process).
 */
import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/get-db";
import { getKoreClient } from "@/lib/kore/client";
import { type EventSyncRunner, startEventSync } from "./event-sync";

// Give start-up (migrations, the first pages) a head start before the first, largest, run.
const MAX_INITIAL_DELAY_MS = 5_000;

export function ensureBackgroundEventSync(): EventSyncRunner | undefined {
  const seconds = getConfig().eventSyncIntervalSeconds;
  if (seconds <= 0) return undefined;
  const intervalMs = seconds * 1000;
  return startEventSync({
    intervalMs,
    initialDelayMs: Math.min(MAX_INITIAL_DELAY_MS, intervalMs),
    deps: async () => ({ db: await getDb(), events: getKoreClient() }),
  });
}
