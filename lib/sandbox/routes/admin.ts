import { z } from "zod";
import { checkCommandBody } from "../commands";
import { ApiError } from "../errors";
import { RETENTION } from "../events";
import { faultPatchSchema } from "../faults";
import { iso, readJson, sendJson } from "../http";
import { renderCommand } from "../render";
import { type Route, type RouteContext, route } from "../router";
import { STATUS } from "../seed-model";
import { SIM_STATUSES } from "../settings";

/**
 * `/_sandbox/*`: control of the sandbox itself, JSON in and out, loopback clients only (the
 * server checks). Nothing here exists on KORE's API.
 */
const advanceSchema = z.union([
  z
    .object({
      seconds: z
        .number()
        .min(0)
        .max(10 * 365 * 86_400),
    })
    .strict(),
  z
    .object({
      ms: z
        .number()
        .min(0)
        .max(10 * 365 * 86_400_000),
    })
    .strict(),
]);
const scaleSchema = z.object({ timeScale: z.number().min(0.001).max(1_000_000) }).strict();
const reseedSchema = z
  .object({
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    sims: z.number().int().min(0).max(5_000_000).optional(),
  })
  .strict();
const tokensSchema = z.object({ ttlSeconds: z.number().int().min(1).max(63_072_000) }).strict();
const fromSimSchema = z
  .object({
    sim: z.string().regex(/^DE[0-9a-fA-F]{32}$/, "must be a SIM SID"),
    command: z.string().min(1),
    commandMode: z.enum(["text", "binary"]).default("text"),
  })
  .strict();

export const adminRoutes: Route[] = [
  route("GET", "/_sandbox/state", "admin", (ctx) => sendJson(ctx.res, 200, summary(ctx))),
  route("GET", "/_sandbox/faults", "admin", (ctx) => sendJson(ctx.res, 200, ctx.sandbox.faults.snapshot())),
  route("POST", "/_sandbox/faults", "admin", async (ctx) => {
    ctx.sandbox.faults.apply(await body(ctx, faultPatchSchema));
    sendJson(ctx.res, 200, ctx.sandbox.faults.snapshot());
  }),
  route("GET", "/_sandbox/clock", "admin", (ctx) => sendJson(ctx.res, 200, clock(ctx))),
  route("POST", "/_sandbox/clock/advance", "admin", async (ctx) => {
    const input = await body(ctx, advanceSchema);
    ctx.world.clock.advance("seconds" in input ? input.seconds * 1000 : input.ms);
    ctx.world.events.prune(ctx.world.clock.now());
    sendJson(ctx.res, 200, clock(ctx));
  }),
  route("POST", "/_sandbox/clock/scale", "admin", async (ctx) => {
    ctx.world.clock.setScale((await body(ctx, scaleSchema)).timeScale);
    sendJson(ctx.res, 200, clock(ctx));
  }),
  route("POST", "/_sandbox/reseed", "admin", async (ctx) => {
    ctx.sandbox.reseed(await body(ctx, reseedSchema));
    sendJson(ctx.res, 200, summary({ ...ctx, world: ctx.sandbox.world }));
  }),
  route("POST", "/_sandbox/tokens", "admin", async (ctx) => {
    ctx.sandbox.tokens.ttlSeconds = (await body(ctx, tokensSchema)).ttlSeconds;
    sendJson(ctx.res, 200, { ttlSeconds: ctx.sandbox.tokens.ttlSeconds });
  }),
  route("POST", "/_sandbox/tokens/expire", "admin", (ctx) => {
    sendJson(ctx.res, 200, { revoked: ctx.sandbox.tokens.revokeAll() });
  }),
  route("POST", "/_sandbox/commands/from-sim", "admin", async (ctx) => {
    const input = await body(ctx, fromSimSchema);
    const { fleet, plans, clock } = ctx.world;
    const sim = fleet.identity.indexOfSimSid(input.sim);
    if (sim === undefined || !fleet.exists(sim)) throw new ApiError(404, 20404, `SIM ${input.sim} not found`);
    checkCommandBody(input.command, input.commandMode);
    // A device can only send an SMS when the network lets it: the same conditions as to_sim.
    const status = fleet.status[sim];
    if (status !== STATUS.ready && status !== STATUS.active) {
      throw new ApiError(409, 33104, `A ${fleet.statusName(sim)} SIM cannot send commands`);
    }
    if (!plans.get(fleet.ratePlan[sim] as number)?.messagingEnabled) {
      throw new ApiError(409, 33203, "The SIM's rate plan does not enable messaging");
    }
    if (!fleet.isOnline(sim, clock.now())) throw new ApiError(409, 33104, "The device is not attached");
    const { command, delivery } = ctx.sandbox.commandDelivery.receive(sim, input.command, input.commandMode);
    sendJson(ctx.res, 201, {
      command: renderCommand(ctx.world, command, ctx.origin),
      callback: delivery ? { id: delivery.id, url: delivery.url, method: delivery.method } : null,
    });
  }),
  route("GET", "/_sandbox/callbacks", "admin", (ctx) => {
    sendJson(ctx.res, 200, { deliveries: ctx.sandbox.callbacks.deliveries });
  }),
];

async function body<T extends z.ZodType>(ctx: RouteContext, schema: T): Promise<z.output<T>> {
  const parsed = schema.safeParse(await readJson(ctx.req));
  if (!parsed.success) {
    throw new ApiError(
      400,
      20001,
      `Invalid admin request: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

function clock(ctx: RouteContext) {
  const now = ctx.world.clock.now();
  return {
    now: iso(now),
    nowMs: Math.floor(now),
    timeScale: ctx.world.clock.scale,
    pendingTimers: ctx.world.clock.pending,
  };
}

function summary(ctx: RouteContext) {
  const { world, sandbox } = ctx;
  const { fleet } = world;
  const byStatus: Record<string, number> = Object.fromEntries(SIM_STATUSES.map((s) => [s, 0]));
  const byAccount = world.accounts.map(() => 0);
  let deleted = 0;
  for (let i = 0; i < fleet.size; i++) {
    const status = fleet.status[i] as number;
    if (status === 255) {
      deleted++;
      continue;
    }
    byStatus[SIM_STATUSES[status] as string] = (byStatus[SIM_STATUSES[status] as string] ?? 0) + 1;
    byAccount[fleet.account[i] as number] = (byAccount[fleet.account[i] as number] ?? 0) + 1;
  }
  const now = world.clock.now();
  return {
    seed: world.seed,
    ...clock(ctx),
    sims: { total: fleet.size - deleted, deleted, changed: fleet.overrideCount, byStatus },
    accounts: world.accounts.map((a) => ({
      sid: a.sid,
      iamId: a.iamId,
      friendlyName: a.friendlyName,
      description: a.description,
      parentSid: a.parentIndex === undefined ? null : (world.accounts[a.parentIndex]?.sid ?? null),
      clientId: a.clientId,
      clientSecret: a.clientSecret,
      sims: byAccount[a.index] ?? 0,
    })),
    ratePlans: world.plans.all
      .filter((p) => !p.deleted)
      .map((p) => ({ sid: p.sid, uniqueName: p.uniqueName })),
    events: {
      total: world.events.all.length,
      visible: world.events.all.filter((e) => e.at >= now - RETENTION && e.at <= now).length,
    },
    commands: world.commands.count,
    tokenTtlSeconds: sandbox.tokens.ttlSeconds,
    faults: sandbox.faults.snapshot(),
  };
}
