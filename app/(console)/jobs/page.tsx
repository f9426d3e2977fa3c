import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { JobsList } from "@/components/jobs/jobs-list";
import { Button } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/get-db";
import { listJobSummaries } from "@/lib/jobs/views";
import { jobListQueryOptions } from "@/lib/queries/jobs";
import { getQueryClient } from "@/lib/query-client";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  await requirePageUser("jobs.read");
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({
    ...jobListQueryOptions(),
    queryFn: async () => ({ jobs: await listJobSummaries(await getDb(), { limit: 50 }) }),
  });
  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">Jobs</h1>
          <p className="text-sm text-muted-foreground">
            Changes to many SIMs at once. Jobs run on the server: closing the browser does not stop them.
          </p>
        </div>
        <Button asChild>
          <Link href="/jobs/new">
            <Plus aria-hidden />
            New job
          </Link>
        </Button>
      </header>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <JobsList />
      </HydrationBoundary>
    </div>
  );
}
