"use client";

import { TriangleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { DataTableMessage } from "@/components/data-table/data-table-message";
import { Button } from "@/components/ui/button";

/**
 * Failures outside the table's own error handling (the page itself could not render). Next.js
 * replaces the message of server errors in production, so none of it is shown: only what to do.
 */
export default function SimsError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The failure happened on the server: fetch the page again, then re-render the segment.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-semibold tracking-tight">SIMs</h1>
      <div className="rounded-md border border-destructive/40">
        <DataTableMessage
          role="alert"
          tone="danger"
          title="The SIM list could not be shown"
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
