import { RadioTower } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { NavLink } from "@/components/shell/nav-link";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Badge } from "@/components/ui/badge";
import { getConfig } from "@/lib/config";

const NAV = [
  { href: "/sims", label: "SIMs" },
  { href: "/events", label: "Events" },
  { href: "/audit", label: "Audit" },
  { href: "/users", label: "Users" },
] as const;

// Reads configuration and (later) the session at request time, never at build time.
export const dynamic = "force-dynamic";

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  const { mode } = getConfig();
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="border-b border-border bg-card md:w-56 md:shrink-0 md:border-r md:border-b-0">
        <div className="flex h-14 items-center gap-2 px-4">
          <RadioTower aria-hidden className="size-5 text-primary" />
          <Link href="/sims" className="font-semibold tracking-tight">
            SIM Console
          </Link>
        </div>
        <nav aria-label="Main" className="flex gap-1 overflow-x-auto px-2 pb-2 md:flex-col md:pb-4">
          {NAV.map((item) => (
            <NavLink key={item.href} href={item.href}>
              {item.label}
            </NavLink>
          ))}
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end gap-3 border-b border-border px-4">
          {mode === "sandbox" ? (
            <Badge tone="warning" title="Connected to the embedded KORE sandbox, not a real account">
              Sandbox
            </Badge>
          ) : (
            <Badge tone="success">KORE</Badge>
          )}
          <ThemeToggle />
        </header>
        <main id="main" className="min-w-0 flex-1 p-4 md:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
