"use client";

import { LoaderCircle } from "lucide-react";
import { Tooltip } from "radix-ui";
import { useId } from "react";
import { Badge } from "@/components/ui/badge";
import { getStatusInfo } from "@/lib/sims/status-info";
import { cn } from "@/lib/utils";

type Props = {
  status: string;
  /** Whether the badge takes part in Tab order (tables make it tabbable only in the focused row). */
  focusable?: boolean;
  className?: string;
};

/**
 * A SIM's status as a coloured badge whose tooltip says what the status means and what it costs
 * (sim-api.md §8.1). The badge is a button so keyboard users can open the tooltip too; its
 * accessible name is the label and its description the same text, for screen readers.
 */
export function SimStatusBadge({ status, focusable = true, className }: Props) {
  const info = getStatusInfo(status);
  const descriptionId = useId();
  return (
    <Tooltip.Provider delayDuration={300}>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <button
            type="button"
            tabIndex={focusable ? 0 : -1}
            aria-describedby={descriptionId}
            data-status={info.status}
            className={cn(
              "rounded-full focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              className,
            )}
          >
            <Badge tone={info.tone}>
              {info.transient ? <LoaderCircle aria-hidden className="size-3 animate-spin" /> : null}
              {info.label}
            </Badge>
          </button>
        </Tooltip.Trigger>
        <span id={descriptionId} hidden>
          {info.meaning} Cost: {info.billing}
        </span>
        <Tooltip.Portal>
          <Tooltip.Content
            side="top"
            sideOffset={6}
            className="z-50 max-w-xs rounded-md border border-border bg-card px-3 py-2 text-xs text-foreground shadow-md"
          >
            <p className="font-medium">{info.label}</p>
            <p className="mt-1 text-muted-foreground">{info.meaning}</p>
            <p className="mt-1">
              <span className="font-medium">Cost: </span>
              {info.billing}
            </p>
            <Tooltip.Arrow className="fill-card" />
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
