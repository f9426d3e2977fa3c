/**
 * The KORE client as one object. `createKoreClient(upstream)` builds an independent client (its
 * own token cache and limits), which is how tests and benchmarks point it at a sandbox on a
 * random port; `getKoreClient()` is the process-wide one from `getConfig().upstream`, the same
 * instance the module-level functions of `sims.ts`, `events.ts`, … use.
 */
import "server-only";
import { createAccountsApi } from "./accounts";
import { createDataSessionsApi } from "./data-sessions";
import { createEventsApi } from "./events";
import { createKoreHttp, type KoreHttp, type KoreHttpOptions, type UpstreamConfig } from "./http";
import { getDefaultKoreHttp } from "./instance";
import { createRatePlansApi } from "./rate-plans";
import { createSimsApi } from "./sims";
import { createUsageApi } from "./usage";

function clientOver(http: KoreHttp) {
  return {
    http,
    ...createSimsApi(http),
    ...createRatePlansApi(http),
    ...createUsageApi(http),
    ...createDataSessionsApi(http),
    ...createEventsApi(http),
    ...createAccountsApi(http),
  };
}

export type KoreClient = ReturnType<typeof clientOver>;

export function createKoreClient(upstream: UpstreamConfig, options?: KoreHttpOptions): KoreClient {
  return clientOver(createKoreHttp(upstream, options));
}

export function getKoreClient(): KoreClient {
  return clientOver(getDefaultKoreHttp());
}
