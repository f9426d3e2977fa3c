/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, and a field that
 * holds a comma, a double quote, CR or LF enclosed in double quotes with its quotes doubled.
 *
 * Files go to customers who open them in spreadsheets, where a cell starting with `=`, `+`, `-`
 * or `@` runs as a formula (CSV injection). SIM names are free text anyone with API access can
 * set, so such a text cell gets a leading apostrophe, the escape spreadsheets themselves use.
 * Numbers are written as numbers and are never prefixed.
 *
 * Pure: the browser and the server both use it.
 */

export type CsvValue = string | number | boolean | null | undefined | Date;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF included. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/**
 * Counts the records in CSV text received so far, for a progress line while a download streams.
 * Line breaks inside quoted fields do not end a record, so the parser state carries across
 * chunks; `feed` returns how many records the chunk completed.
 */
export function createCsvRecordCounter() {
  let inQuotes = false;
  return {
    feed(chunk: string): number {
      let records = 0;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c === 34) inQuotes = !inQuotes;
        else if (c === 10 && !inQuotes) records++;
      }
      return records;
    },
  };
}

/**
 * Parses CSV text (RFC 4180, CRLF or LF) into rows of strings. The console only writes CSV; this
 * reader exists so tests and the e2e spec check files the way a spreadsheet would read them.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"') inQuotes = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
    i++;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
