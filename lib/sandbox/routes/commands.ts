import { type Command, checkCommandBody, MAX_QUEUED_PER_SIM } from "../commands";
import { errors } from "../errors";
import { parseBoolean, parseMethod, parseUrl, readForm, sendEmpty, sendJson } from "../http";
import { pageOf, parsePaging } from "../paging";
import { renderCommand } from "../render";
import { type Route, type RouteContext, route } from "../router";
import { STATUS } from "../seed-model";
import { findSim, sendPage } from "./shared";

/**
 * `/v1/Commands[/{Sid}]` (sim-api.md §13.4): SMS commands to a SIM, which move queued → sent →
 * delivered on the virtual clock (command-delivery.ts), calling `CallbackUrl` on each change.
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
    checkCommandBody(text, mode);
    const includeSid = form.get("IncludeSid");
    if (includeSid !== null && !["none", "start", "end"].includes(includeSid)) {
      throw errors.invalidParameter("IncludeSid", "must be none, start or end");
    }
    const receipt = parseBoolean(form, "DeliveryReceiptRequested") ?? true;
    const callbackUrl = parseUrl(form, "CallbackUrl");
    const callbackMethod = parseMethod(form, "CallbackMethod") ?? "POST";

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
      callback: callbackUrl ? { url: callbackUrl, method: callbackMethod } : undefined,
    });
    ctx.sandbox.commandDelivery.dispatch(command);
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
