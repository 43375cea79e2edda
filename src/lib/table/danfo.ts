/**
 * The danfojs face of a `Table` (DESIGN §3, §4): built from the typed columns with explicit
 * `dtypes` and `lowMemoryMode` (85 ms for 126k × 43 instead of seconds).
 *
 * Danfo defines every column name as a property of the frame (`df.src_bytes`), so a column named
 * like one of its members (`shape`, `columns`, `values`, `index`, `$data`, `toString`,
 * `__proto__`, ...) would shadow it and break the frame. Such names are renamed for the frame
 * only (`shape` → `shape_`, `$data` → `col_$data`) and reported in `renamed`; the Table keeps
 * the real names.
 *
 * Only the data worker imports this module (it pulls in danfojs and tfjs): the barrel
 * (index.ts) leaves it out on purpose.
 */
import { DataFrame } from 'danfojs';
import type { Table } from './types';

let probe: DataFrame | null = null;

/** Whether `name` would collide with something a DataFrame already has (own, prototype, Object). */
export function collidesWithDanfo(name: string): boolean {
  if (name.startsWith('$')) return true;
  probe ??= new DataFrame([[0]], { columns: ['\u0000probe'], dtypes: ['float32'], config: { lowMemoryMode: true } });
  return name in probe;
}

/** Frame names for the table's columns: unique, none colliding with danfo's members. */
export function danfoColumnNames(names: readonly string[]): { names: string[]; renamed: { from: string; to: string }[] } {
  const taken = new Set(names);
  const used = new Set<string>();
  const out: string[] = [];
  const renamed: { from: string; to: string }[] = [];
  for (const name of names) {
    if (!collidesWithDanfo(name) && !used.has(name)) {
      out.push(name);
      used.add(name);
      continue;
    }
    let cand = name.startsWith('$') ? `col_${name}` : `${name}_`;
    while (collidesWithDanfo(cand) || taken.has(cand) || used.has(cand)) cand += '_';
    out.push(cand);
    used.add(cand);
    renamed.push({ from: name, to: cand });
  }
  return { names: out, renamed };
}

/**
 * Builds the frame: numeric columns as 'float32' (missing = NaN), categorical as 'string'
 * (missing = null, which danfo's `isNa` counts as missing). Rows are built once, column by
 * column, into preallocated arrays (lowMemoryMode keeps danfo from transposing them again).
 */
export function buildDanfoFrame(table: Table): { frame: DataFrame; renamed: { from: string; to: string }[]; buildMs: number } {
  const t0 = performance.now();
  const { names, renamed } = danfoColumnNames(table.columns.map((c) => c.name));
  const nRows = table.nRows;
  const nCols = table.columns.length;
  const rows: (number | string | null)[][] = new Array(nRows);
  for (let i = 0; i < nRows; i++) rows[i] = new Array(nCols);
  const dtypes: string[] = [];
  for (let j = 0; j < nCols; j++) {
    const col = table.columns[j];
    if (col.kind === 'numeric') {
      dtypes.push('float32');
      const v = col.values;
      for (let i = 0; i < nRows; i++) rows[i][j] = v[i];
    } else {
      dtypes.push('string');
      const codes = col.codes;
      const dict = col.dictionary;
      for (let i = 0; i < nRows; i++) {
        const c = codes[i];
        rows[i][j] = c < 0 ? null : dict[c];
      }
    }
  }
  const frame = new DataFrame(rows, { columns: names, dtypes, config: { lowMemoryMode: true } });
  return { frame, renamed, buildMs: performance.now() - t0 };
}
