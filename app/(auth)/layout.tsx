import { RadioTower } from "lucide-react";
import type { ReactNode } from "react";

// Reads the session at request time, never at build time.
export const dynamic = "force-dynamic";

/** Pages outside the console shell (sign-in, no permission): one centred card. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="flex items-center justify-center gap-2 text-lg font-semibold tracking-tight">
          <RadioTower aria-hidden className="size-5 text-primary" />
          SIM Console
        </div>
        <div className="rounded-lg border border-border bg-card p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
