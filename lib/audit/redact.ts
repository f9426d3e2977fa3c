/**
 * Keeps secrets out of the audit trail. Audit rows are read by every signed-in role and outlive
 * credential rotations, so anything that looks like a credential is replaced before it is stored:
 * values under secret-sounding keys, bearer tokens and JWTs, passwords in URLs, secret-sounding
 * query parameters (callback URLs carry the webhook token), and the installation's own secrets
 * wherever they appear.
 */
export const REDACTED = "[redacted]";

const SECRET_KEY = /secret|token|passw(or)?d|authorization|api[-_]?key|credential|cookie/i;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+/gi;

// Shorter strings would match innocent text; real secrets here are 24+ characters.
const MIN_KNOWN_SECRET_LENGTH = 8;

export function redactSecrets<T>(value: T, knownSecrets: readonly (string | undefined)[] = []): T {
  const secrets = knownSecrets.filter(
    (s): s is string => typeof s === "string" && s.length >= MIN_KNOWN_SECRET_LENGTH,
  );
  return redactValue(value, secrets) as T;
}

function redactValue(value: unknown, secrets: string[]): unknown {
  if (typeof value === "string") return redactString(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEY.test(key) && inner !== null && inner !== undefined
          ? REDACTED
          : redactValue(inner, secrets),
      ]),
    );
  }
  return value;
}

function redactString(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  out = out.replace(JWT, REDACTED).replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`);
  return out.replace(URL_IN_TEXT, redactUrl);
}

function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  let changed = false;
  if (url.password) {
    url.password = REDACTED;
    changed = true;
  }
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_KEY.test(key)) {
      url.searchParams.set(key, REDACTED);
      changed = true;
    }
  }
  // URL serialisation percent-encodes the brackets; keep the marker readable.
  return changed ? url.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED) : raw;
}
