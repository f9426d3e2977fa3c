"use client";

import { useSyncExternalStore } from "react";

/**
 * The current time, refreshed every `intervalMs`, shared by every component on the same interval
 * (one timer for a thousand "3 min ago" cells).
 *
 * Returns null during server rendering and hydration: the server's clock and the browser's differ,
 * so anything computed from "now" is rendered only once the browser has taken over, which avoids
 * hydration mismatches.
 */
export function useNow(intervalMs = 1000): number | null {
  const clock = clockFor(intervalMs);
  return useSyncExternalStore(clock.subscribe, clock.getSnapshot, getServerSnapshot);
}

type Clock = { subscribe: (listener: () => void) => () => void; getSnapshot: () => number };

const clocks = new Map<number, Clock>();

function getServerSnapshot() {
  return null;
}

function clockFor(intervalMs: number): Clock {
  const existing = clocks.get(intervalMs);
  if (existing) return existing;
  const listeners = new Set<() => void>();
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    now = Date.now();
    for (const listener of listeners) listener();
  };
  const clock: Clock = {
    subscribe(listener) {
      listeners.add(listener);
      if (!timer) {
        // The snapshot may be stale after a pause with no subscribers.
        now = Date.now();
        timer = setInterval(tick, intervalMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    getSnapshot: () => now,
  };
  clocks.set(intervalMs, clock);
  return clock;
}
