import { errors } from "../errors";
import { RETENTION } from "../events";
import { parseDate, sendJson } from "../http";
import { pageOf, parsePaging } from "../paging";
import { renderEvent } from "../render";
import { type Route, route } from "../router";
import { sendPage } from "./shared";

/**
 * Monitor `/v1/Events[/{Sid}]` (sim-api.md §12): newest first, 30-day retention relative to
 * the sandbox clock, and at most one of ResourceSid / EventType / ActorSid / SourceIpAddress.
 */
export const eventRoutes: Route[] = [
  route("GET", "/v1/Events", "bearer", (ctx) => {
    const { query, world } = ctx;
    const paging = parsePaging(query);
    const invalid = errors.invalidParameter;
    const startParam = query.get("StartDate");
    const endParam = query.get("EndDate");
    const start = parseDate(startParam, "StartDate");
    const end = parseDate(endParam, "EndDate");
    const sourceIp = query.get("SourceIpAddress") || undefined;
    const actorSid = query.get("ActorSid") || undefined;
    const eventType = query.get("EventType") || undefined;
    const resourceSid = query.get("ResourceSid") || undefined;
    const combined = [sourceIp, actorSid, eventType, resourceSid].filter((v) => v !== undefined).length;
    if (combined > 1) throw errors.invalidFilterCombination();
    if (resourceSid !== undefined && !/^[a-zA-Z]{2}[0-9a-fA-F]{32}$/.test(resourceSid)) {
      throw invalid("ResourceSid", "is not a SID");
    }
    if (actorSid !== undefined && !/^(US|AC)[0-9a-fA-F]{32}$/.test(actorSid))
      throw invalid("ActorSid", "is not a SID");

    const now = world.clock.now();
    const resource =
      resourceSid === undefined ? undefined : (world.fleet.identity.indexOfSimSid(resourceSid) ?? -1);
    const actor = actorSid === undefined ? undefined : (world.accountBySid(actorSid)?.index ?? -1);
    const events = world.events.visible(
      ctx.caller.account,
      now,
      (e) =>
        (start === undefined || e.at >= start) &&
        (end === undefined || e.at <= end) &&
        (resource === undefined || e.sim === resource) &&
        (eventType === undefined || e.type === eventType) &&
        (actor === undefined || e.actor === actor) &&
        (sourceIp === undefined || e.ip === sourceIp),
    );
    sendPage(ctx, {
      path: "/v1/Events",
      key: "events",
      filters: [
        ["StartDate", startParam || undefined],
        ["SourceIpAddress", sourceIp],
        ["EndDate", endParam || undefined],
        ["ActorSid", actorSid],
        ["EventType", eventType],
        ["ResourceSid", resourceSid],
      ],
      query: paging,
      slice: pageOf(
        events,
        paging,
        (e) => -e.seq,
        (value) => {
          const seq = world.events.seqOfSid(value);
          return seq === undefined ? undefined : -seq;
        },
      ),
      keyOf: (e) => world.events.sidOf(e),
      render: (e) => renderEvent(world, e, ctx.origin),
    });
  }),
  route("GET", "/v1/Events/{Sid}", "bearer", (ctx) => {
    const { world } = ctx;
    const seq = world.events.seqOfSid(ctx.params.Sid as string);
    const event = seq === undefined ? undefined : world.events.bySeq(seq);
    const now = world.clock.now();
    if (!event || event.account !== ctx.caller.account || event.at < now - RETENTION || event.at > now) {
      throw errors.notFound(`/Events/${ctx.params.Sid}`);
    }
    sendJson(ctx.res, 200, renderEvent(world, event, ctx.origin));
  }),
];
