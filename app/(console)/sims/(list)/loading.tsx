import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";

export default function Loading() {
  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">SIMs</h1>
        <div className="h-5 w-2/3 max-w-xl animate-pulse rounded bg-muted" />
      </header>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-hidden>
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="flex flex-col gap-2">
            <div className="h-4 w-24 animate-pulse rounded bg-muted" />
            <div className="h-9 animate-pulse rounded-md bg-muted" />
          </div>
        ))}
      </div>
      <DataTableSkeleton columns={7} rows={12} label="Loading SIMs" />
    </div>
  );
}
