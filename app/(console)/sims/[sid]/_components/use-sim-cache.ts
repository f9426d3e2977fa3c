"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Sim } from "@/lib/kore/schemas";
import { simDetailKeys } from "@/lib/queries/sim-detail";
import type { SimDetail } from "@/lib/sims/sim-detail";

/**
 * Puts the SIM an action answered with into the page's cache at once: the page shows the change in
 * progress (`updating`, `resetting`) immediately, and the poll takes over from there.
 */
export function useSetSim(sid: string) {
  const queryClient = useQueryClient();
  return useCallback(
    (sim: Sim) => {
      queryClient.setQueryData<SimDetail>(simDetailKeys.detail(sid), (old) =>
        old ? { ...old, sim } : { sim, statusSince: null },
      );
      return queryClient.invalidateQueries({ queryKey: simDetailKeys.sim(sid), refetchType: "none" });
    },
    [queryClient, sid],
  );
}
