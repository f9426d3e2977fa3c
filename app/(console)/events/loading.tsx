import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";

export default function Loading() {
  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Events</h1>
        <div className="h-5 w-2/3 max-w-xl animate-pulse rounded bg-muted" />
      </header>
      <DataTableSkeleton columns={4} rows={12} label="Loading events" />
    </div>
  );
}
