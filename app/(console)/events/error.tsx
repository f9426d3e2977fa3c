"use client";

import { TriangleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { DataTableMessage } from "@/components/data-table/data-table-message";
import { Button } from "@/components/ui/button";

/** The events page itself could not render (e.g. the database did not open); no details are shown. */
export default function EventsError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-semibold tracking-tight">Events</h1>
      <div className="rounded-md border border-destructive/40">
        <DataTableMessage
          role="alert"
          tone="danger"
          title="The events could not be shown"
          icon={<TriangleAlert aria-hidden className="size-6" />}
          action={
            <Button type="button" onClick={retry} disabled={pending}>
              {pending ? "Trying again…" : "Try again"}
            </Button>
          }
        >
          Something went wrong in the console. Try again, and contact support if it keeps happening.
        </DataTableMessage>
      </div>
    </div>
  );
}
