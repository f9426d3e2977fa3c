"use client";

import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";

/**
 * The page itself failed to render (not an upstream error: those are shown by the page with their
 * typed message). Next.js hides server error text in production, so only what to do is shown.
 */
export default function SimError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <section role="alert" className="flex max-w-xl flex-col items-start gap-3 py-10">
      <TriangleAlert aria-hidden className="size-8 text-destructive" />
      <h1 className="text-2xl font-semibold tracking-tight">This SIM could not be shown</h1>
      <p className="text-muted-foreground">
        Something went wrong in the console. Try again, and contact support if it keeps happening.
      </p>
      <div className="flex gap-2">
        <Button type="button" onClick={retry} disabled={pending}>
          {pending ? "Trying again…" : "Try again"}
        </Button>
        <Button asChild variant="outline">
          <Link href="/sims">Back to the SIM list</Link>
        </Button>
      </div>
    </section>
  );
}
