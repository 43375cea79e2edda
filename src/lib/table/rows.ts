import type { Table } from './types';

/** A cell as the UI shows it: a number, a category string, or null for missing. */
export type RowCell = number | string | null;

/** Raw values of some rows (numbers, category strings, null for missing), in column order. */
export function rowValues(table: Table, rows: ArrayLike<number>): { columns: string[]; rows: RowCell[][] } {
  const out: RowCell[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!(r >= 0 && r < table.nRows)) throw new RangeError(`Row ${r} is out of range (the data has ${table.nRows} rows)`);
    const row: RowCell[] = [];
    for (const col of table.columns) {
      if (col.kind === 'numeric') {
        const v = col.values[r];
        row.push(Number.isNaN(v) ? null : v);
      } else {
        const c = col.codes[r];
        row.push(c < 0 ? null : col.dictionary[c]);
      }
    }
    out.push(row);
  }
  return { columns: table.columns.map((c) => c.name), rows: out };
}
