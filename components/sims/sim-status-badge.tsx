"use client";

import { LoaderCircle } from "lucide-react";
import { type CSSProperties, useEffect, useId, useRef, useState } from "react";
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
 * (sim-api.md §8.1). The badge is a button so keyboard users can open the tooltip too, and the
 * tooltip is its accessible description, so screen readers hear it without opening anything.
 *
 * The tooltip is a few lines of our own rather than a positioning library: a 1000-row table page
 * stays lighter, and `position: fixed` escapes the table's scrolling and clipped cells. It stays
 * open while hovered or focused and closes on Escape (WCAG 1.4.13).
 */
export function SimStatusBadge({ status, focusable = true, className }: Props) {
  const info = getStatusInfo(status);
  const tooltipId = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const [position, setPosition] = useState<CSSProperties | null>(null);

  const show = () => {
    const rect = triggerRef.current?.getBoundingClientRect();
    if (rect) setPosition(placeNear(rect));
  };
  const hide = () => setPosition(null);

  // A fixed tooltip would drift away from its badge when the page or the table scrolls.
  useEffect(() => {
    if (!position) return;
    window.addEventListener("scroll", hide, { capture: true, passive: true });
    return () => window.removeEventListener("scroll", hide, { capture: true });
  }, [position]);

  return (
    <span className={cn("inline-flex", className)} onPointerEnter={show} onPointerLeave={hide}>
      <button
        ref={triggerRef}
        type="button"
        tabIndex={focusable ? 0 : -1}
        aria-describedby={tooltipId}
        data-status={info.status}
        onFocus={show}
        onBlur={hide}
        onKeyDown={(event) => {
          if (event.key === "Escape" && position) {
            event.stopPropagation();
            hide();
          }
        }}
        className="rounded-full focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <Badge tone={info.tone}>
          {info.transient ? <LoaderCircle aria-hidden className="size-3 animate-spin" /> : null}
          {info.label}
        </Badge>
      </button>
      <span
        id={tooltipId}
        role="tooltip"
        hidden={!position}
        style={position ?? undefined}
        className="fixed z-50 py-1.5"
      >
        <span className="block max-w-xs rounded-md border border-border bg-card px-3 py-2 text-left text-xs font-normal whitespace-normal text-foreground shadow-md">
          <span className="block font-medium">{info.label}</span>
          <span className="mt-1 block text-muted-foreground">{info.meaning}</span>
          <span className="mt-1 block">
            <span className="font-medium">Cost: </span>
            {info.billing}
          </span>
        </span>
      </span>
    </span>
  );
}

/**
 * Above the badge, or below it near the top of the window. The padding of the positioned box
 * bridges the gap to the badge, so the pointer can move onto the tooltip without closing it.
 */
function placeNear(rect: DOMRect): CSSProperties {
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - 328));
  return rect.top > 160
    ? { left, top: rect.top, transform: "translateY(-100%)" }
    : { left, top: rect.bottom };
}
