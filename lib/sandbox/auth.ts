import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Access tokens: JWT-shaped (HS256, `sub` = account SID, `exp`), because KORE's refresh guide
 * decodes the JWT and checks `exp`. Lifetimes use real time, not the virtual clock: clients
 * compare `exp` with their own clock. The signing key is random per process, so tokens from a
 * previous run are unknown (403) and clients must fetch a new one, as after a real expiry.
 */
export type TokenCheck =
  | { ok: true; accountSid: string }
  | { ok: false; reason: "invalid" | "expired" | "revoked" };

export class TokenIssuer {
  private readonly key = randomBytes(32);
  private issued = 0;
  private revokedUpTo = 0;

  constructor(public ttlSeconds: number) {}

  issue(accountSid: string, clientId: string): { token: string; expiresIn: number } {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const jti = ++this.issued;
    const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
    const payload = base64url(
      JSON.stringify({
        iss: "kore-sandbox",
        sub: accountSid,
        client_id: clientId,
        scope: "ProgrammableWireless",
        iat: nowSeconds,
        exp: nowSeconds + this.ttlSeconds,
        jti,
      }),
    );
    return { token: `${header}.${payload}.${this.sign(`${header}.${payload}`)}`, expiresIn: this.ttlSeconds };
  }

  verify(token: string): TokenCheck {
    const parts = token.split(".");
    if (parts.length !== 3) return { ok: false, reason: "invalid" };
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { ok: false, reason: "invalid" };
    let claims: { sub?: unknown; exp?: unknown; jti?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      return { ok: false, reason: "invalid" };
    }
    if (typeof claims.sub !== "string" || typeof claims.exp !== "number" || typeof claims.jti !== "number") {
      return { ok: false, reason: "invalid" };
    }
    if (claims.jti <= this.revokedUpTo) return { ok: false, reason: "revoked" };
    if (claims.exp * 1000 <= Date.now()) return { ok: false, reason: "expired" };
    return { ok: true, accountSid: claims.sub };
  }

  /** Forced expiry: every token issued so far stops working; new ones work. */
  revokeAll(): number {
    const count = this.issued - this.revokedUpTo;
    this.revokedUpTo = this.issued;
    return count;
  }

  private sign(data: string): string {
    return createHmac("sha256", this.key).update(data).digest("base64url");
  }
}

function base64url(text: string): string {
  return Buffer.from(text).toString("base64url");
}
