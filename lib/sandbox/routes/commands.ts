import { type Command, MAX_QUEUED_PER_SIM } from "../commands";
import { errors } from "../errors";
import { parseBoolean, parseMethod, parseUrl, readForm, sendEmpty, sendJson } from "../http";
import { pageOf, parsePaging } from "../paging";
import { renderCommand } from "../render";
import { type Route, type RouteContext, route } from "../router";
import { STATUS } from "../seed-model";
import { findSim, sendPage } from "./shared";

/**
 * `/v1/Commands[/{Sid}]` (sim-api.md §13.4), basic: SMS commands to a SIM move queued → sent →
 * delivered on the virtual clock. Command callbacks are not sent.
 */
const STATUSES = ["queued", "sent", "delivered", "received", "failed"];

export const commandRoutes: Route[] = [
  route("GET", "/v1/Commands", "bearer", (ctx) => {
    const { query } = ctx;
    const paging = parsePaging(query);
    const simRef = query.get("Sim") || undefined;
    const status = query.get("Status") || undefined;
    const direction = query.get("Direction") || undefined;
    const transport = query.get("Transport") || undefined;
    if (status && !STATUSES.includes(status))
      throw errors.invalidParameter("Status", `must be one of ${STATUSES.join(", ")}`);
    if (direction && direction !== "from_sim" && direction !== "to_sim") {
      throw errors.invalidParameter("Direction", "must be from_sim or to_sim");
    }
    if (transport && transport !== "sms" && transport !== "ip")
      throw errors.invalidParameter("Transport", "must be sms or ip");
    const sim = simRef === undefined ? undefined : (findSim(ctx, simRef) ?? -1);
    const { commands } = ctx.world;
    const items = commands.list(
      ctx.caller.account,
      (c) =>
        (sim === undefined || c.sim === sim) &&
        (!status || c.status === status) &&
        (!direction || c.direction === direction) &&
        (!transport || c.transport === transport),
    );
    sendPage(ctx, {
      path: "/v1/Commands",
      key: "commands",
      filters: [
        ["Sim", simRef],
        ["Status", status],
        ["Direction", direction],
        ["Transport", transport],
      ],
      query: paging,
      slice: pageOf(
        items,
        paging,
        (c) => -c.seq,
        (value) => {
          const seq = commands.seqOfSid(value);
          return seq === undefined ? undefined : -seq;
        },
      ),
      keyOf: (c) => c.sid,
      render: (c) => renderCommand(ctx.world, c, ctx.origin),
    });
  }),
  route("POST", "/v1/Commands", "bearer", async (ctx) => {
    const form = await readForm(ctx.req);
    const text = form.get("Command");
    const simRef = form.get("Sim");
    if (text === null || text === "") throw errors.missingParameter("Command");
    if (simRef === null || simRef === "") throw errors.missingParameter("Sim");
    const mode = form.get("CommandMode") ?? "text";
    if (mode !== "text" && mode !== "binary")
      throw errors.invalidParameter("CommandMode", "must be text or binary");
    if (mode === "text" && text.length > 160)
      throw errors.invalidParameter("Command", "is longer than 160 characters");
    if (
      mode === "binary" &&
      (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || Buffer.from(text, "base64").length > 140)
    ) {
      throw errors.invalidParameter("Command", "must be base64 of at most 140 bytes");
    }
    const includeSid = form.get("IncludeSid");
    if (includeSid !== null && !["none", "start", "end"].includes(includeSid)) {
      throw errors.invalidParameter("IncludeSid", "must be none, start or end");
    }
    const receipt = parseBoolean(form, "DeliveryReceiptRequested") ?? true;
    parseUrl(form, "CallbackUrl");
    parseMethod(form, "CallbackMethod");

    const { fleet, plans, commands, clock } = ctx.world;
    const sim = findSim(ctx, simRef);
    if (sim === undefined) throw errors.simNotFound(simRef);
    const status = fleet.status[sim];
    if (status !== STATUS.ready && status !== STATUS.active) {
      throw errors.configurationIncomplete("Commands can only be sent to a ready or active SIM");
    }
    if (!plans.get(fleet.ratePlan[sim] as number)?.messagingEnabled) throw errors.messagingNotAllowed();
    if (commands.queuedFor(sim) >= MAX_QUEUED_PER_SIM) throw errors.tooManyCommands();

    const now = clock.now();
    const command = commands.add({
      account: ctx.caller.account,
      sim,
      command: text,
      commandMode: mode,
      transport: "sms",
      deliveryReceiptRequested: receipt,
      status: "queued",
      direction: "to_sim",
      dateCreated: now,
      dateUpdated: now,
    });
    progress(ctx, command);
    ctx.sandbox.lifecycle.commandSent(sim, now);
    sendJson(ctx.res, 201, renderCommand(ctx.world, command, ctx.origin));
  }),
  route("GET", "/v1/Commands/{Sid}", "bearer", (ctx) => {
    sendJson(ctx.res, 200, renderCommand(ctx.world, requireCommand(ctx), ctx.origin));
  }),
  route("DELETE", "/v1/Commands/{Sid}", "bearer", (ctx) => {
    requireCommand(ctx).deleted = true;
    sendEmpty(ctx.res, 204);
  }),
];

function requireCommand(ctx: RouteContext): Command {
  const command = ctx.world.commands.bySid(ctx.params.Sid as string);
  if (!command || command.account !== ctx.caller.account)
    throw errors.notFound(`/Commands/${ctx.params.Sid}`);
  return command;
}

function progress(ctx: RouteContext, command: Command): void {
  const { clock, fleet } = ctx.world;
  const step = Math.max(1000, ctx.sandbox.options.updateDelayMs);
  clock.at(command.dateCreated + step, (at) => {
    if (command.deleted) return;
    const online = fleet.isOnline(command.sim, at);
    command.status = online ? "sent" : "failed";
    command.dateUpdated = at;
    if (!online || !command.deliveryReceiptRequested) return;
    clock.at(at + step, (deliveredAt) => {
      if (command.deleted) return;
      command.status = "delivered";
      command.dateUpdated = deliveredAt;
    });
  });
}
