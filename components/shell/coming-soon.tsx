/** For screens whose feature a later release owns: says so plainly, shows no invented data. */
export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <section aria-labelledby="page-title" className="space-y-2">
      <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
        {title}
      </h1>
      <p className="text-muted-foreground">{what} — coming in a later release.</p>
    </section>
  );
}
