import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/** A SID or unique name KORE does not know (or that belongs to an account we cannot see). */
export default function SimNotFound() {
  return (
    <section
      aria-labelledby="sim-not-found"
      className="mx-auto flex max-w-xl flex-col items-start gap-3 py-10"
    >
      <SearchX aria-hidden className="size-8 text-muted-foreground" />
      <h1 id="sim-not-found" className="text-2xl font-semibold tracking-tight">
        SIM not found
      </h1>
      <p className="text-muted-foreground">
        KORE has no SIM with that SID or unique name in this account. It may have been deleted, moved to
        another account (whose SIMs this console cannot see), or the address may be mistyped.
      </p>
      <Button asChild>
        <Link href="/sims">Back to the SIM list</Link>
      </Button>
    </section>
  );
}
