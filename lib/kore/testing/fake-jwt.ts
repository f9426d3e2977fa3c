/** An unsigned JWT-shaped token with the given claims (the client only reads claims). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  return `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url(claims)}.c2lnbmF0dXJl`;
}
