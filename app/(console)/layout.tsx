import { RadioTower } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLink } from "@/components/shell/nav-link";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Badge } from "@/components/ui/badge";
import { requirePageUser } from "@/lib/auth/page-guard";
import { type Action, can, ROLE_LABELS } from "@/lib/auth/permissions";
import { getConfig } from "@/lib/config";

// Each entry shows only to roles that may open it; the page checks again on the server.
const NAV: readonly { href: string; label: string; action: Action }[] = [
  { href: "/sims", label: "SIMs", action: "sims.read" },
  { href: "/jobs", label: "Jobs", action: "jobs.read" },
  { href: "/events", label: "Events", action: "events.read" },
  { href: "/audit", label: "Audit", action: "audit.read" },
  { href: "/users", label: "Users", action: "users.manage" },
];

// Reads configuration and the session at request time, never at build time.
export const dynamic = "force-dynamic";

/** The console shell. Signed-out visitors never see it: they go to the sign-in page. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
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
          {NAV.filter((item) => can(user, item.action)).map((item) => (
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
          <section aria-label="Signed-in user" className="flex min-w-0 items-center gap-2 text-sm">
            <span className="truncate" title={user.name}>
              {user.email}
            </span>
            <Badge tone="info" data-testid="current-role">
              {ROLE_LABELS[user.role]}
            </Badge>
          </section>
          <SignOutButton />
          <ThemeToggle />
        </header>
        <main id="main" className="min-w-0 flex-1 p-4 md:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
