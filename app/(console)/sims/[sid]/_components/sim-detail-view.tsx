"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { parseAsStringLiteral, useQueryState } from "nuqs";
import { useState } from "react";
import { SimTimeline } from "@/components/timeline/sim-timeline";
import { Button } from "@/components/ui/button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { Role } from "@/lib/auth/permissions";
import { ApiError } from "@/lib/queries/fetch-json";
import { simDetailQueryOptions } from "@/lib/queries/sim-detail";
import { timelineKeys } from "@/lib/queries/timeline";
import { type Finished, FinishedPanel } from "./finished-panel";
import { OverviewTab } from "./overview-tab";
import { SessionsTab } from "./sessions-tab";
import { SimHeader } from "./sim-header";
import { UsageTab } from "./usage-tab";
import { useSettleToasts } from "./use-settle-toasts";

export const SIM_TABS = ["overview", "usage", "sessions", "timeline"] as const;
const TAB_LABELS: Record<(typeof SIM_TABS)[number], string> = {
  overview: "Overview",
  usage: "Usage",
  sessions: "Sessions",
  timeline: "Timeline",
};

/** The SIM page in the browser: header, then tabs kept in the address (`?tab=usage`). */
export function SimDetailView({ sid, role }: { sid: string; role: Role }) {
  const queryClient = useQueryClient();
  const [finished, setFinished] = useState<Finished | null>(null);
  const query = useQuery({ ...simDetailQueryOptions(sid), enabled: finished === null });
  const [tab, setTab] = useQueryState("tab", parseAsStringLiteral(SIM_TABS).withDefault("overview"));
  const detail = query.data;
  useSettleToasts(detail?.sim);

  if (finished) return <FinishedPanel finished={finished} />;

  if (!detail) {
    const gone = query.error instanceof ApiError && query.error.status === 404;
    return (
      <section role="alert" className="flex max-w-xl flex-col items-start gap-3 py-10">
        <TriangleAlert aria-hidden className="size-8 text-destructive" />
        <h1 className="text-2xl font-semibold tracking-tight">
          {gone ? "SIM not found" : "This SIM could not be loaded"}
        </h1>
        <p>{query.error?.message ?? "Loading…"}</p>
        <div className="flex gap-2">
          <Button type="button" onClick={() => query.refetch()}>
            Try again
          </Button>
          <Button asChild variant="outline">
            <Link href="/sims">Back to the SIM list</Link>
          </Button>
        </div>
      </section>
    );
  }

  // After a write: the timeline shows the request at once and goes live.
  const afterWrite = () => queryClient.invalidateQueries({ queryKey: timelineKeys.sim(sid) });

  return (
    <div className="flex flex-col gap-6">
      <SimHeader
        detail={detail}
        updatedAt={query.dataUpdatedAt}
        fetching={query.isFetching}
        onRefresh={() => query.refetch()}
        refreshError={query.isError ? query.error.message : null}
      />
      <Tabs value={tab} onValueChange={(value) => setTab(value as typeof tab)}>
        <TabsList aria-label="SIM details">
          {SIM_TABS.map((value) => (
            <TabsTrigger key={value} value={value}>
              {TAB_LABELS[value]}
            </TabsTrigger>
          ))}
        </TabsList>
        <TabsContent value="overview">
          <OverviewTab detail={detail} role={role} onWrite={afterWrite} onFinished={setFinished} />
        </TabsContent>
        <TabsContent value="usage">
          <UsageTab sid={sid} />
        </TabsContent>
        <TabsContent value="sessions">
          <SessionsTab sid={sid} />
        </TabsContent>
        <TabsContent value="timeline">
          <SimTimeline sid={sid} />
        </TabsContent>
      </Tabs>
    </div>
  );
}
