"use client";

import { TriangleAlert } from "lucide-react";
import { type ReactNode, useTransition } from "react";
import { DataTableMessage } from "@/components/data-table/data-table-message";
import { Button } from "@/components/ui/button";

/** What Next.js hands a route's error.tsx (`retry` refetches the segment, then re-renders it). */
export type RouteErrorProps = { error: Error & { digest?: string }; retry: () => void };

/**
 * What a route's error.tsx shows when the page itself could not render (failures the page handles,
 * such as upstream errors in a table, have their own states). Next.js replaces the message of
 * server errors in production, so none of it is shown: only where the person is and what to do.
 */
export function RouteError({
  heading,
  title,
  retry,
  otherAction,
}: {
  /** The page's own heading, so the person still knows where they are. */
  heading: string;
  /** What could not be shown, in plain words. */
  title: string;
  retry: () => void;
  /** A way out besides trying again, e.g. a link back to the list. */
  otherAction?: ReactNode;
}) {
  // Our own transition around Next's: it keeps "Trying again…" up until the refetch has rendered.
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-semibold tracking-tight">{heading}</h1>
      <div className="rounded-md border border-destructive/40">
        <DataTableMessage
          role="alert"
          tone="danger"
          title={title}
          icon={<TriangleAlert aria-hidden className="size-6" />}
          action={
            <>
              <Button type="button" onClick={() => startTransition(retry)} disabled={pending}>
                {pending ? "Trying again…" : "Try again"}
              </Button>
              {otherAction}
            </>
          }
        >
          Something went wrong in the console. Try again, and contact support if it keeps happening.
        </DataTableMessage>
      </div>
    </div>
  );
}
