import { SearchX } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * The body of a console page's not-found.tsx: what was not found, the likely reasons, and the way
 * back to the list it came from. Rendered inside the console's navigation, unlike app/not-found.tsx.
 */
export function NotFoundMessage({
  title,
  children,
  back,
}: {
  title: string;
  children: ReactNode;
  back: { href: string; label: string };
}) {
  return (
    <section
      aria-labelledby="not-found-title"
      className="mx-auto flex max-w-xl flex-col items-start gap-3 py-10"
    >
      <SearchX aria-hidden className="size-8 text-muted-foreground" />
      <h1 id="not-found-title" className="text-2xl font-semibold tracking-tight">
        {title}
      </h1>
      <p className="text-muted-foreground">{children}</p>
      <Button asChild>
        <Link href={back.href}>{back.label}</Link>
      </Button>
    </section>
  );
}
