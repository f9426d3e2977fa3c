/**
 * Reads a pasted or uploaded list of SIMs: one ICCID or SIM SID per line. A CSV works too (the
 * first field of each line is used, and a header line is recognised), so an export from this
 * console or a spreadsheet column can be fed back in. Every line that names no SIM is returned
 * with its line number and the reason, so nothing is dropped without the person seeing it.
 *
 * Pure: the create-job form checks the list as it is typed with the same rules the server uses.
 */
import { checkIccid } from "@/lib/sims/iccid";
import { MAX_JOB_SIMS } from "./job-spec";

export type ListEntry = { line: number; kind: "sid" | "iccid"; value: string };
export type RejectedLine = { line: number; text: string; reason: string };
export type PastedList = { entries: ListEntry[]; rejected: RejectedLine[] };

const SIM_SID = /^DE[0-9a-f]{32}$/i;
const HEADER = /^(iccid|sid|sim|sim sid|sim_sid|simsid)$/i;
const FIELD_SEPARATORS = /[,;\t]/;
const MAX_SHOWN_TEXT = 80;

export function parsePastedList(text: string, limit: number = MAX_JOB_SIMS): PastedList {
  const entries: ListEntry[] = [];
  const rejected: RejectedLine[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r\n|\n|\r/);

  lines.forEach((raw, index) => {
    const line = index + 1;
    const field = firstField(raw);
    if (field === "" || field.startsWith("#")) return;
    if (entries.length === 0 && rejected.length === 0 && HEADER.test(field)) return;
    const reject = (reason: string) => rejected.push({ line, text: clip(raw.trim()), reason });

    let entry: ListEntry;
    if (SIM_SID.test(field)) {
      entry = { line, kind: "sid", value: `DE${field.slice(2).toLowerCase()}` };
    } else if (/^DE/i.test(field)) {
      return reject("Not a SIM SID: DE followed by 32 hexadecimal digits.");
    } else {
      const check = checkIccid(field);
      if (!check.ok) return reject(`Not an ICCID or SIM SID. ${check.message}`);
      entry = { line, kind: "iccid", value: check.iccid };
    }

    const key = `${entry.kind}:${entry.value}`;
    const first = seen.get(key);
    if (first !== undefined) return reject(`Listed already on line ${first}.`);
    if (entries.length >= limit) {
      return reject(`Over the limit of ${limit.toLocaleString("en-US")} SIMs per job.`);
    }
    seen.set(key, line);
    entries.push(entry);
  });
  return { entries, rejected };
}

function firstField(raw: string): string {
  const trimmed = raw.trim();
  const cut = trimmed.search(FIELD_SEPARATORS);
  const field = cut < 0 ? trimmed : trimmed.slice(0, cut);
  // A quoted CSV field, e.g. "8901260000000000042".
  return field
    .replace(/^"(.*)"$/, "$1")
    .replace(/^'/, "")
    .trim();
}

function clip(text: string): string {
  return text.length > MAX_SHOWN_TEXT ? `${text.slice(0, MAX_SHOWN_TEXT - 1)}…` : text;
}
