import type { Metadata } from "next";
import Link from "next/link";
import { CreateJobForm } from "@/components/jobs/create-job-form";
import { requirePageUser } from "@/lib/auth/page-guard";
import type { Role } from "@/lib/auth/permissions";
import { jobFilterSchema } from "@/lib/jobs/job-spec";

export const metadata: Metadata = { title: "New job" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A new bulk job. The SIM table links here with its filters in the address ("select all
 * matching this filter"); a filter that does not parse is dropped rather than failing the page.
 */
export default async function NewJobPage({ searchParams }: Props) {
  const user = await requirePageUser("jobs.read");
  const raw = await searchParams;
  const single = Object.fromEntries(
    Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" && v.trim() !== "" ? [[k, v]] : [])),
  );
  const parsed = jobFilterSchema.safeParse(single);
  const initialFilter = parsed.success
    ? Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v))
    : {};
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <header className="flex flex-col gap-1">
        <p className="text-sm text-muted-foreground">
          <Link href="/jobs" className="hover:underline">
            Jobs
          </Link>{" "}
          / New
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">New job</h1>
        <p className="text-sm text-muted-foreground">
          Change many SIMs at once. You will see every SIM, whether it can be changed and why not, before
          anything happens.
        </p>
      </header>
      <CreateJobForm role={user.role as Role} initialFilter={initialFilter} />
    </div>
  );
}
