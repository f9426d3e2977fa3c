/**
 * The browser side of better-auth: talks to /api/auth on the page's own origin (so it works on
 * localhost, 127.0.0.1 or the public address alike). Holds no secret.
 */
import { createAuthClient } from "better-auth/client";

export const authClient = createAuthClient();
