import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JobDetail } from "@/components/jobs/job-detail";
import { requirePageUser } from "@/lib/auth/page-guard";
import type { Role } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/get-db";
import { getJobDetail } from "@/lib/jobs/views";
import { jobDetailQueryOptions } from "@/lib/queries/jobs";
import { getQueryClient } from "@/lib/query-client";

export const metadata: Metadata = { title: "Job" };

type Props = { params: Promise<{ id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function JobPage({ params }: Props) {
  const user = await requirePageUser("jobs.read");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const job = await getJobDetail(await getDb(), id);
  if (!job) notFound();
  const queryClient = getQueryClient();
  queryClient.setQueryData(jobDetailQueryOptions(id).queryKey, job);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <JobDetail jobId={id} user={{ id: user.id, role: user.role as Role }} />
    </HydrationBoundary>
  );
}
