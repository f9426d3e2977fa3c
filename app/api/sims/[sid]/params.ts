import { z } from "zod";

/** `[sid]` of the SIM routes: a SID or a unique name, as the upstream accepts either. */
export const simRouteParamsSchema = z.object({ sid: z.string().trim().min(1).max(128) });
