/**
 * What the SIM table needs of a SIM. The list route sends only these fields: a 1000-row page of
 * full SIM records would be about three times the bytes to serialise, send and hydrate, for
 * columns nobody sees (callback URLs, deprecated SMS/voice settings).
 */
import type { Sim } from "@/lib/kore/schemas";
import type { SimPage } from "@/lib/kore/sims";

export type SimRow = Pick<
  Sim,
  | "sid"
  | "uniqueName"
  | "friendlyName"
  | "iccid"
  | "status"
  | "resetStatus"
  | "ratePlanSid"
  | "dateCreated"
  | "dateUpdated"
>;

/** A page of the SIM list as the GET route returns it and React Query caches it. */
export type SimListPage = Omit<SimPage, "sims"> & { sims: SimRow[] };

export function toSimRow(sim: Sim): SimRow {
  return {
    sid: sim.sid,
    uniqueName: sim.uniqueName,
    friendlyName: sim.friendlyName,
    iccid: sim.iccid,
    status: sim.status,
    resetStatus: sim.resetStatus,
    ratePlanSid: sim.ratePlanSid,
    dateCreated: sim.dateCreated,
    dateUpdated: sim.dateUpdated,
  };
}

export function toSimListPage(page: SimPage): SimListPage {
  return { ...page, sims: page.sims.map(toSimRow) };
}
