/**
 * POST|GET /api/webhooks/sim-status?token=…: where KORE reports finished asynchronous SIM
 * changes (the `CallbackUrl` of every status, rate-plan and reset request the console makes).
 * Public to the session layer; the URL token is the authentication. See
 * lib/timeline/callback-receiver.ts for the rules.
 */
import { getDb } from "@/lib/db/get-db";
import { createSimStatusReceiver } from "@/lib/timeline/callback-receiver";
import { getWebhookToken } from "@/lib/webhooks/callback-url";

export const dynamic = "force-dynamic";

const receive = createSimStatusReceiver({ getDb, getToken: getWebhookToken });

export const POST = receive;
export const GET = receive;
