/**
 * ICCID input rules for search boxes, pasted lists and the ICCID typed to confirm a change.
 *
 * People paste ICCIDs from spreadsheets, labels and modem output, so whitespace and common
 * separators are stripped before anything else. What remains must be 18 to 22 digits (ITU-T
 * E.118 numbers are up to 19 digits plus a check digit; some issuers pad longer): anything else is
 * refused with a message, so no request is sent for input that cannot match.
 *
 * The Luhn check digit is only a warning, never a refusal. The upstream filter is an exact match
 * and costs one cheap request, and a person may hold an ICCID written without its check digit or
 * from an issuer that does not use one; refusing it would hide a SIM that exists. The warning
 * tells them why a search may come back empty.
 *
 * No zod here: the filter bar runs this in the browser (see lib/sims/sim-list-query.ts).
 */

export const ICCID_MIN_DIGITS = 18;
export const ICCID_MAX_DIGITS = 22;

/** Whitespace (incl. non-breaking) and the separators people use to group digits. */
const SEPARATORS = /[\s\u00a0\u2000-\u200b\u2010-\u2015\-_.,:/\\|'"]+/g;

export function normalizeIccid(input: string): string {
  return input.replace(SEPARATORS, "");
}

/**
 * Irreversible changes (delete, deactivate) ask for the SIM's ICCID typed out, or its SID when KORE
 * has no ICCID for it. The dialog keeps its button disabled until this matches; the server action
 * checks again with the same rule.
 */
export function identityToConfirm(sim: { sid: string; iccid: string | null }): string {
  return sim.iccid ?? sim.sid;
}

export function confirmsIdentity(
  sim: { sid: string; iccid: string | null },
  typed: string | undefined,
): boolean {
  const given = sim.iccid ? normalizeIccid(typed ?? "") : (typed ?? "").trim();
  return given === identityToConfirm(sim);
}

/** The Luhn (mod 10) check used by ICCIDs: true when the last digit checks the others. */
export function hasValidLuhnCheckDigit(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length < 2) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const ICCID_LUHN_WARNING =
  "The last digit is not a valid ICCID check digit. Searching anyway; check the number if nothing is found.";

export type IccidCheck =
  | { ok: true; iccid: string; warning?: string }
  | { ok: false; iccid: string; message: string };

/** Normalise and validate one ICCID as typed or pasted. */
export function checkIccid(input: string): IccidCheck {
  const iccid = normalizeIccid(input);
  if (iccid === "") return { ok: false, iccid, message: "Enter an ICCID." };
  if (!/^\d+$/.test(iccid)) {
    return { ok: false, iccid, message: "An ICCID has digits only (spaces and dashes are ignored)." };
  }
  if (iccid.length < ICCID_MIN_DIGITS || iccid.length > ICCID_MAX_DIGITS) {
    return {
      ok: false,
      iccid,
      message: `An ICCID has ${ICCID_MIN_DIGITS} to ${ICCID_MAX_DIGITS} digits; this has ${iccid.length}.`,
    };
  }
  return hasValidLuhnCheckDigit(iccid)
    ? { ok: true, iccid }
    : { ok: true, iccid, warning: ICCID_LUHN_WARNING };
}
