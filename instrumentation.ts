/**
 * Runs once when a server process starts: a bad environment stops it before the first request,
 * then the background Monitor event sync starts (lib/timeline/background-sync.ts), and the bulk
 * job runner resumes whatever jobs a previous process left unfinished (lib/jobs/instance.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("./lib/config");
  try {
    getConfig();
  } catch (error) {
    // `npm start` validates before Next starts; this catches `next start` run directly. Throwing
    // (not process.exit, which the edge bundle of this file cannot reference) aborts start-up.
    console.error(error instanceof Error ? error.message : error);
    throw error;
  }
  // Only a serving process syncs, not `next build` while it prerenders.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { ensureBackgroundEventSync } = await import("./lib/timeline/background-sync");
  ensureBackgroundEventSync();
  const { wakeJobRunner } = await import("./lib/jobs/instance");
  wakeJobRunner();
}
