"use client";

import { Activity, CircleCheck, Link2, PlugZap, RotateCcw, UserRound } from "lucide-react";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { formatExactTime } from "@/lib/sims/relative-time";
import {
  describeEventActor,
  entryTitle,
  formatChange,
  outcomeLabel,
  personLabel,
} from "@/lib/timeline/describe";
import {
  entryAnchor,
  TIMELINE_SOURCE_LABELS,
  type TimelineEntry,
  type TimelineKind,
} from "@/lib/timeline/entry";
import { cn } from "@/lib/utils";

const timeOfDay = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
  timeZone: "UTC",
});

const KIND_ICONS: Record<TimelineKind, ReactNode> = {
  change: <Activity aria-hidden className="size-4" />,
  request: <UserRound aria-hidden className="size-4" />,
  callback: <CircleCheck aria-hidden className="size-4" />,
  reset: <RotateCcw aria-hidden className="size-4" />,
  connection: <PlugZap aria-hidden className="size-4" />,
};

const OUTCOME_TONES: Record<string, "neutral" | "info" | "success" | "warning" | "danger"> = {
  pending: "info",
  ok: "success",
  error: "danger",
  refused: "warning",
};

type Props = { entry: TimelineEntry; highlighted: boolean };

/** One fact of the timeline: when, what, who or what reported it, and the details that matter. */
export function TimelineItem({ entry, highlighted }: Props) {
  const title = entryTitle(entry);
  const anchor = entryAnchor(entry.id);
  const date = new Date(entry.at);
  const valid = !Number.isNaN(date.getTime());
  return (
    <li
      id={anchor}
      tabIndex={-1}
      data-entry-type={entry.type}
      data-entry-kind={entry.kind}
      aria-current={highlighted ? "true" : undefined}
      className={cn(
        "relative scroll-mt-24 rounded-md border border-border bg-card p-3 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
        highlighted && "border-primary ring-2 ring-primary/40",
      )}
    >
      <article aria-labelledby={`${anchor}-title`} className="flex flex-col gap-2">
        <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
          <time
            dateTime={valid ? date.toISOString() : undefined}
            title={valid ? formatExactTime(date) : undefined}
            className="w-20 shrink-0 pt-0.5 font-mono text-xs text-muted-foreground tabular-nums"
          >
            {valid ? `${timeOfDay.format(date)}` : "—"}
            <span className="sr-only"> UTC</span>
          </time>
          <span className="pt-0.5 text-muted-foreground">{KIND_ICONS[entry.kind]}</span>
          <h4 id={`${anchor}-title`} className="min-w-0 flex-1 text-sm font-medium">
            {title}
          </h4>
          <a
            href={`#${anchor}`}
            className="rounded p-1 text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            aria-label={`Link to this entry: ${title}`}
            title="Link to this entry"
          >
            <Link2 aria-hidden className="size-4" />
          </a>
        </div>
        <div className="flex flex-wrap items-center gap-1.5 pl-0 text-xs sm:pl-[6.5rem]">
          <span className="text-muted-foreground">{entry.sources.length > 1 ? "Sources:" : "Source:"}</span>
          {entry.sources.map((source) => (
            <Badge key={source} tone="neutral" data-source={source}>
              {TIMELINE_SOURCE_LABELS[source]}
            </Badge>
          ))}
        </div>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 pl-0 text-xs sm:pl-[6.5rem]">
          <EntryDetails entry={entry} />
        </dl>
      </article>
    </li>
  );
}

function EntryDetails({ entry }: { entry: TimelineEntry }) {
  switch (entry.type) {
    case "event":
      return (
        <>
          {entry.changes
            .filter((c) => c.field !== "connectionState")
            .map((change) => (
              <Detail key={change.field} term="Change">
                {formatChange(change)}
              </Detail>
            ))}
          <Detail term="By">{describeEventActor(entry)}</Detail>
          {entry.requestedBy ? (
            <Detail term="Requested by">
              {personLabel(entry.requestedBy.email, entry.requestedBy.role)}
              {entry.requestedBy.reason ? ` — “${entry.requestedBy.reason}”` : ""}{" "}
              <a
                className="text-primary underline underline-offset-4"
                href={`#${entryAnchor(entry.requestedBy.entryId)}`}
              >
                see the request
              </a>
            </Detail>
          ) : null}
          {entry.dataSession ? (
            <Detail term="Data session">
              {[entry.dataSession.sid, entry.dataSession.radioLink, entry.dataSession.operatorName]
                .filter(Boolean)
                .join(" · ")}
            </Detail>
          ) : null}
          {entry.sourceIpAddress ? <Detail term="From address">{entry.sourceIpAddress}</Detail> : null}
          <Detail term="Event">
            <span className="font-mono">{entry.eventSid}</span>
          </Detail>
        </>
      );
    case "callback":
      return (
        <>
          <Detail term="Status">
            {entry.previousStatus && entry.previousStatus !== entry.status
              ? `${entry.previousStatus} → ${entry.status}`
              : entry.status}
            {entry.meaning === "intermediate" ? " (intermediate: a second callback follows)" : ""}
            {entry.meaning === "status" ? " (final)" : ""}
          </Detail>
          {entry.ratePlanSid ? (
            <Detail term="Rate plan">
              <span className="font-mono">{entry.ratePlanSid}</span>
            </Detail>
          ) : null}
          {entry.dateUpdated ? (
            <Detail term="Changed at (KORE)">
              <time dateTime={entry.dateUpdated}>{formatExactTime(new Date(entry.dateUpdated))}</time>
            </Detail>
          ) : null}
          {entry.sameAs ? (
            <Detail term="Same change as">
              <a className="text-primary underline underline-offset-4" href={`#${entryAnchor(entry.sameAs)}`}>
                the Monitor event
              </a>
            </Detail>
          ) : null}
        </>
      );
    case "audit":
      return (
        <>
          <Detail term="Who">{personLabel(entry.actorEmail, entry.actorRole)}</Detail>
          <Detail term="Reason">
            {entry.reason ?? <span className="text-muted-foreground">none given</span>}
          </Detail>
          <Detail term="Outcome">
            <Badge tone={OUTCOME_TONES[entry.outcome] ?? "neutral"}>{outcomeLabel(entry.outcome)}</Badge>
            {entry.errorMessage ? <span className="ml-2">{entry.errorMessage}</span> : null}
          </Detail>
          {entry.changes.map((change) => (
            <Detail key={change.field} term="Change">
              {formatChange(change)}
            </Detail>
          ))}
        </>
      );
    case "session":
      return (
        <>
          <Detail term="Network">
            {[entry.radioLink, entry.operatorName, entry.operatorCountry].filter(Boolean).join(" · ") ||
              "unknown"}
          </Detail>
          {entry.cellId ? <Detail term="Cell">{entry.cellId}</Detail> : null}
          {entry.imei ? <Detail term="IMEI">{entry.imei}</Detail> : null}
          {entry.phase === "detach" ? (
            <Detail term="Packets">
              {entry.packetsUploaded.toLocaleString("en")} up, {entry.packetsDownloaded.toLocaleString("en")}{" "}
              down
            </Detail>
          ) : null}
          <Detail term="Session">
            <span className="font-mono">{entry.sessionSid}</span>
          </Detail>
        </>
      );
  }
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}
