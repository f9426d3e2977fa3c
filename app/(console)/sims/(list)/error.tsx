"use client";

import { RouteError, type RouteErrorProps } from "@/components/shell/route-error";

/** The list page itself could not render; failed fetches of the table have their own state. */
export default function SimsError({ retry }: RouteErrorProps) {
  return <RouteError heading="SIMs" title="The SIM list could not be shown" retry={retry} />;
}
