export default function Loading() {
  return (
    <div className="flex flex-col gap-5" aria-busy="true">
      <span className="sr-only" role="status">
        Loading the SIM…
      </span>
      <div className="h-8 w-64 animate-pulse rounded bg-muted" />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4" aria-hidden>
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex flex-col gap-2">
            <div className="h-3 w-20 animate-pulse rounded bg-muted" />
            <div className="h-5 w-32 animate-pulse rounded bg-muted" />
          </div>
        ))}
      </div>
      <div className="h-10 w-80 animate-pulse rounded-md bg-muted" aria-hidden />
      <div className="h-64 animate-pulse rounded-md bg-muted" aria-hidden />
    </div>
  );
}
