import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/** An upstream failure on first load, with the KORE client's user-safe message for its code. */
export function SimLoadError({ identifier, message }: { identifier: string; message: string }) {
  return (
    <section role="alert" className="flex max-w-xl flex-col items-start gap-3 py-10">
      <TriangleAlert aria-hidden className="size-8 text-destructive" />
      <h1 className="text-2xl font-semibold tracking-tight">SIM {identifier} could not be loaded</h1>
      <p>{message}</p>
      <div className="flex gap-2">
        <Button asChild>
          <Link href={`/sims/${encodeURIComponent(identifier)}`}>Try again</Link>
        </Button>
        <Button asChild variant="outline">
          <Link href="/sims">Back to the SIM list</Link>
        </Button>
      </div>
    </section>
  );
}
