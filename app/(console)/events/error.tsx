"use client";

import { RouteError, type RouteErrorProps } from "@/components/shell/route-error";

/** The events page itself could not render (e.g. the database did not open). */
export default function EventsError({ retry }: RouteErrorProps) {
  return <RouteError heading="Events" title="The events could not be shown" retry={retry} />;
}
