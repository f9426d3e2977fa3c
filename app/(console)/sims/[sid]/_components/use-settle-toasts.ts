"use client";

import { useEffect, useRef } from "react";
import { toast } from "sonner";
import type { Sim } from "@/lib/kore/schemas";
import { getStatusInfo } from "@/lib/sims/status-info";

/**
 * Confirms with a toast when the upstream finishes what the page was waiting for: a status or
 * rate plan change (`updating`/`scheduled` → final) or a connectivity reset (`resetting` → none).
 * Driven by the polled SIM, so it confirms what KORE says, never what we assumed.
 */
export function useSettleToasts(sim: Pick<Sim, "sid" | "status" | "resetStatus"> | undefined) {
  const previous = useRef<Pick<Sim, "sid" | "status" | "resetStatus"> | undefined>(undefined);
  useEffect(() => {
    const before = previous.current;
    previous.current = sim;
    if (!sim || !before || before.sid !== sim.sid) return;
    if (getStatusInfo(before.status).transient && !getStatusInfo(sim.status).transient) {
      toast.success(`Change complete: the SIM is now ${getStatusInfo(sim.status).label}.`);
    }
    if (before.resetStatus === "resetting" && sim.resetStatus !== "resetting") {
      toast.success("Connectivity reset finished.");
    }
  }, [sim]);
}
