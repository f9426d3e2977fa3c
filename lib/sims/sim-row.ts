/**
 * What the SIM table needs of a SIM: lib/kore's `SimSummary`. The list route sends only these
 * fields: a 1000-row page of full SIM records would be about three times the bytes to serialise,
 * send and hydrate, for columns nobody sees (callback URLs, deprecated SMS/voice settings).
 * lib/kore validates just these fields (`listSimSummariesPage`), so the route sends its page as is.
 */
import type { SimSummary } from "@/lib/kore/schemas";
import type { SimSummaryPage } from "@/lib/kore/sims";

export type SimRow = SimSummary;

/** A page of the SIM list as the GET route returns it and React Query caches it. */
export type SimListPage = SimSummaryPage;
