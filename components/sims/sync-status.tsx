"use client";

import { RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatAge } from "@/lib/sims/relative-time";
import { cn } from "@/lib/utils";
import { useNow } from "./use-now";

type Props = {
  /** When the data on screen was fetched (ms since epoch); 0 when nothing is loaded yet. */
  updatedAt: number;
  fetching: boolean;
  onRefresh: () => void;
  className?: string;
};

/** "Synced 12 s ago" with a refresh button: how fresh the rows are, and a way to make them fresher. */
export function SyncStatus({ updatedAt, fetching, onRefresh, className }: Props) {
  const now = useNow(1000);
  const age = updatedAt > 0 && now !== null ? formatAge(updatedAt, now) : null;
  return (
    <div className={cn("flex items-center gap-2 text-sm text-muted-foreground", className)}>
      <span>{fetching ? "Syncing…" : age ? `Synced ${age} ago` : "Synced"}</span>
      <Button
        type="button"
        variant="ghost"
        size="icon"
        onClick={onRefresh}
        disabled={fetching}
        aria-label="Refresh"
        title="Refresh"
      >
        <RefreshCw aria-hidden className={cn(fetching && "animate-spin")} />
      </Button>
    </div>
  );
}
