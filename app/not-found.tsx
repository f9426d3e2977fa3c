import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg space-y-3 p-10">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted-foreground">The page you asked for does not exist.</p>
      <Link className="text-primary underline" href="/sims">
        Go to SIMs
      </Link>
    </main>
  );
}
