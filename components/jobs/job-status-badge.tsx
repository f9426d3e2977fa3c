import { Badge } from "@/components/ui/badge";
import { ITEM_STATUS_LABELS, JOB_STATUS_LABELS } from "@/lib/jobs/format";

const JOB_TONES = {
  draft: "info",
  queued: "neutral",
  running: "warning",
  completed: "success",
  canceled: "neutral",
} as const;

const ITEM_TONES = {
  pending: "neutral",
  running: "warning",
  succeeded: "success",
  failed: "danger",
  skipped: "neutral",
} as const;

export function JobStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={JOB_TONES[status as keyof typeof JOB_TONES] ?? "neutral"}>
      {JOB_STATUS_LABELS[status] ?? status}
    </Badge>
  );
}

export function ItemStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={ITEM_TONES[status as keyof typeof ITEM_TONES] ?? "neutral"}>
      {ITEM_STATUS_LABELS[status] ?? status}
    </Badge>
  );
}
