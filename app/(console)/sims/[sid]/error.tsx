"use client";

import Link from "next/link";
import { RouteError, type RouteErrorProps } from "@/components/shell/route-error";
import { Button } from "@/components/ui/button";

/**
 * The page itself failed to render. Upstream errors are not this: the page shows those with the
 * KORE client's typed message (sim-load-error.tsx).
 */
export default function SimError({ retry }: RouteErrorProps) {
  return (
    <RouteError
      heading="SIM"
      title="This SIM could not be shown"
      retry={retry}
      otherAction={
        <Button asChild variant="outline">
          <Link href="/sims">Back to the SIM list</Link>
        </Button>
      }
    />
  );
}
