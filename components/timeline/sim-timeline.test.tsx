import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { timelineKeys } from "@/lib/queries/timeline";
import type { SimTimeline as SimTimelineData } from "@/lib/timeline/entry";
import { mergeTimeline } from "@/lib/timeline/merge";
import { auditEntry, dataSession, SIM, storedCallback, storedEvent } from "@/lib/timeline/testing/fixtures";
import { SimTimeline } from "./sim-timeline";
import { targetFromLocation } from "./use-entry-target";

function render(data: SimTimelineData | undefined) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  if (data) client.setQueryData(timelineKeys.sim(SIM), data);
  return renderToString(
    <QueryClientProvider client={client}>
      <SimTimeline sid={SIM} />
    </QueryClientProvider>,
  );
}

const request = auditEntry("2026-11-29T10:00:00.900Z");
const entries = mergeTimeline({
  events: [storedEvent("2026-11-29T10:00:02Z")],
  callbacks: [storedCallback("2026-11-29T10:00:02Z", { Status: "suspended", PreviousStatus: "active" })],
  audit: [request],
  sessions: [dataSession("2026-11-28T08:00:00Z", "2026-11-28T09:00:00Z")],
});
const timeline: SimTimelineData = {
  sid: SIM,
  sim: { status: "suspended", resetStatus: null },
  live: false,
  entries,
  notices: [{ source: "data-sessions", message: "Data sessions could not be loaded (KORE is unavailable)." }],
  generatedAt: "2026-11-29T10:01:00Z",
};

describe("SimTimeline (server render)", () => {
  it("groups entries by day, newest first, each with its source and a link to itself", () => {
    const html = render(timeline);
    const days = [...html.matchAll(/<h3[^>]*><time dateTime="([^"]+)"/g)].map((m) => m[1]);
    expect(days).toEqual(["2026-11-29", "2026-11-28"]);
    const anchors = [...html.matchAll(/<li id="entry-([^"]+)"/g)].map((m) => m[1]);
    expect(anchors).toEqual(entries.map((e) => e.id));
    expect(html).toContain("KORE confirmed Suspended (was Active)");
    expect(html).toContain("Status changed from Active to Suspended");
    expect(html).toContain("Suspension requested: accepted by KORE");
    expect(html).toContain("olga@example.test (Operator)");
    expect(html).toContain("Customer reported the device stolen");
    for (const source of [
      "KORE Monitor event",
      "Status callback",
      "Console audit trail",
      "KORE data session",
    ]) {
      expect(html).toContain(source);
    }
    expect(html).toContain(`href="#entry-${entries[0]?.id}"`);
    expect(html).toContain("Data sessions could not be loaded");
  });

  it("offers one pressed toggle per kind, named with its count", () => {
    const html = render(timeline);
    const toggles = [
      ...html.matchAll(/<button type="button" aria-pressed="(true|false)"[^>]*>([^<]+)<span[^>]*>\((\d+)\)/g),
    ];
    expect(toggles.map((m) => [m[2], m[3], m[1]])).toEqual([
      ["Status and plan changes", "1", "true"],
      ["Console requests", "1", "true"],
      ["Callbacks", "1", "true"],
      ["Connectivity resets", "0", "true"],
      ["Attach and detach", "2", "true"],
    ]);
  });

  it("says so while live, and shows a loading state before the first answer", () => {
    expect(render({ ...timeline, live: true })).toContain("Live: KORE is still working on this SIM");
    expect(render(undefined)).toContain('aria-label="Loading the timeline"');
  });

  it("reads a deep link from the hash or the query", () => {
    expect(targetFromLocation({ hash: "#entry-event-AE1", search: "" })).toBe("event-AE1");
    expect(targetFromLocation({ hash: "", search: "?tab=timeline&entry=audit-x" })).toBe("audit-x");
    expect(targetFromLocation({ hash: "#main", search: "" })).toBeNull();
  });
});
