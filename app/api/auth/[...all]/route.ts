/**
 * better-auth's HTTP API (sign-in, sign-out, session), served from /api/auth/*. Sign-up is
 * disabled in lib/auth/auth.ts; sign-in is rate-limited there.
 */
import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

export const { GET, POST } = toNextJsHandler(async (request: Request) => (await getAuth()).handler(request));
