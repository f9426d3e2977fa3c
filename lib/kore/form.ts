/**
 * KORE takes form-encoded PascalCase parameters (sim-api.md §2): `FriendlyName`, `PageSize`,
 * `EId`. The console speaks camelCase, and every KORE name is its camelCase twin with the first
 * letter raised, so one rule maps them all.
 */

export type FormValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

export function toPascalCase(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/**
 * camelCase params → form fields. `undefined` is left out; `null` becomes an empty value, which
 * is how the upstream clears a field (a callback URL, a unique name); arrays repeat the key.
 */
export function toForm(params: Readonly<Record<string, FormValue>>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const name = toPascalCase(key);
    if (value === null) form.append(name, "");
    else if (Array.isArray(value)) for (const item of value) form.append(name, String(item));
    else form.append(name, String(value));
  }
  return form;
}
