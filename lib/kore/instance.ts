/**
 * The process-wide KORE connection built from `getConfig().upstream`: one token cache and one
 * concurrency limit for every route handler, server component and action.
 *
 * Kept on `globalThis` because Next.js may evaluate this module more than once per process (dev
 * reloads, separate server bundles); module state alone would mean one token exchange per copy.
 * This is the only hidden state in lib/kore; tests build their own with `createKoreClient`.
 */
import "server-only";
import { getConfig } from "@/lib/config";
import { createKoreHttp, type KoreHttp } from "./http";

const KEY = Symbol.for("sim-console.kore.default-http");

type Holder = { [KEY]?: KoreHttp };

export function getDefaultKoreHttp(): KoreHttp {
  const holder = globalThis as Holder;
  holder[KEY] ??= createKoreHttp(getConfig().upstream);
  return holder[KEY];
}
