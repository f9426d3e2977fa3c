"use client";

import Link from "next/link";
import { formatExactTime } from "@/lib/sims/relative-time";
import { describeEventActor, formatValue, personLabel } from "@/lib/timeline/describe";
import type { FeedEvent } from "@/lib/timeline/feed";

const when = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
  timeZone: "UTC",
});

/** The feed as a table: one row per event, each linking to its SIM and to the event in the SIM's timeline. */
export function EventsTable({ events }: { events: readonly FeedEvent[] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-border">
      <table className="w-full text-sm">
        <caption className="sr-only">SIM lifecycle events, newest first</caption>
        <thead className="bg-card text-left text-muted-foreground">
          <tr className="border-b border-border">
            <th scope="col" className="px-3 py-2 font-medium">
              When (UTC)
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              SIM
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              What changed
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Who
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <EventRow key={event.sid} event={event} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EventRow({ event }: { event: FeedEvent }) {
  const date = new Date(event.at);
  const entryId = `event-${event.sid}`;
  return (
    <tr className="border-b border-border align-top last:border-b-0" data-event-sid={event.sid}>
      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs tabular-nums">
        <time dateTime={event.at} title={formatExactTime(date)}>
          {when.format(date)}
        </time>
      </td>
      <td className="px-3 py-2">
        {event.simSid ? (
          <div className="flex flex-col gap-0.5">
            <Link
              href={`/sims/${event.simSid}`}
              className="font-mono text-xs text-primary underline-offset-4 hover:underline"
            >
              {event.simSid}
            </Link>
            <Link
              href={`/sims/${event.simSid}?tab=timeline&entry=${entryId}#entry-${entryId}`}
              className="text-xs text-muted-foreground underline-offset-4 hover:underline"
              aria-label={`Show this event in the timeline of SIM ${event.simSid}`}
            >
              In the timeline
            </Link>
          </div>
        ) : (
          <span className="text-muted-foreground">—</span>
        )}
      </td>
      <td className="px-3 py-2">{describeChanges(event)}</td>
      <td className="px-3 py-2">
        {event.requestedBy ? (
          <div className="flex flex-col gap-0.5">
            <span>{personLabel(event.requestedBy.email, event.requestedBy.role)}, in the console</span>
            {event.requestedBy.reason ? (
              <span className="text-xs text-muted-foreground">“{event.requestedBy.reason}”</span>
            ) : null}
          </div>
        ) : (
          <span>{describeEventActor(event)}</span>
        )}
      </td>
    </tr>
  );
}

function describeChanges(event: FeedEvent): string {
  const connection = event.changes.find((c) => c.field === "connectionState");
  if (connection)
    return connection.after === "attached" ? "Attached to the network" : "Detached from the network";
  if (event.changes.length === 0) return event.eventType ?? "—";
  return event.changes
    .map((c) =>
      c.field === "status"
        ? `Status ${formatValue("status", c.before)} → ${formatValue("status", c.after)}`
        : `${c.field === "ratePlanSid" ? "Rate plan" : c.field} ${formatValue(c.field, c.before)} → ${formatValue(c.field, c.after)}`,
    )
    .join("; ");
}
