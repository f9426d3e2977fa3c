import { NextResponse } from "next/server";
import { APP_VERSION } from "@/lib/app-info";
import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/** Liveness and identity: which version runs, against which upstream, on which database. */
export function GET() {
  const config = getConfig();
  return NextResponse.json(
    { status: "ok", version: APP_VERSION, mode: config.mode, database: config.database.kind },
    { headers: { "Cache-Control": "no-store" } },
  );
}
