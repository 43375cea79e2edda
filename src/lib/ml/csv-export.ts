/**
 * CSV export (RFC 4180) with spreadsheet formula neutralisation (DESIGN §6, OWASP "CSV Injection").
 *
 * - Fields are separated by `,`, records by CRLF; the output ends with CRLF.
 * - A field is quoted when it contains `"`, `,`, CR or LF; inner quotes are doubled.
 * - A TEXT cell (header names included) that starts with `=`, `+`, `-`, `@`, TAB or CR gets a
 *   leading `'` so that spreadsheets show it as text instead of evaluating it.
 * - A finite number is written with `String(n)` (shortest round-trip form) and never neutralised:
 *   `-3` stays `-3`. Non-finite numbers are not numbers to a spreadsheet: `NaN` is written as an
 *   empty (missing) cell, `Infinity` as the text `Infinity`, `-Infinity` as text and therefore
 *   neutralised (`'-Infinity`).
 * - `null` is an empty cell.
 */

export type CsvCell = string | number | null;

const FORMULA_PREFIX = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The text of one cell after neutralisation and quoting. */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (Number.isFinite(cell)) return String(cell);
    if (Number.isNaN(cell)) return '';
    return csvText(cell > 0 ? 'Infinity' : '-Infinity');
  }
  return csvText(cell);
}

function csvText(text: string): string {
  const safe = FORMULA_PREFIX.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A whole CSV document. Every row must have as many cells as the header (a mismatch is a bug in
 * the caller, so it throws rather than writing a ragged file).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines: string[] = new Array<string>(rows.length + 1);
  lines[0] = header.map(csvText).join(',');
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row.length !== header.length) {
      throw new RangeError(
        `toCsv: row ${r} has ${row.length} cells but the header has ${header.length}`,
      );
    }
    lines[r + 1] = row.map(csvField).join(',');
  }
  return lines.join('\r\n') + '\r\n';
}
