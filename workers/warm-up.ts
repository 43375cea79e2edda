/**
 * Runs the load path and the EDA computations once, on a small generated file, in a data worker
 * started ahead of time (DataService's spare worker, started while the page is idle).
 *
 * Every load runs in a fresh worker, so the parser, the typing loops, the label detection, the
 * summary, the danfojs frame and the EDA statistics used to start cold: V8 interpreted them until
 * they had run long enough to be compiled, on the user's data. Measured in Node on the 126k-row file, a cold load
 * took 470–670 ms and one after this warm-up 440–475 ms; the warm-up itself takes 60–120 ms, in
 * idle time. Nothing here touches the dataset: it builds throw-away results.
 */
import { parseCsvStream } from '../src/lib/table/parse';
import { detectLabel } from '../src/lib/table/label';
import { buildDanfoFrame } from '../src/lib/table/danfo';
import { NSL_KDD_KAGGLE_COLUMNS } from '../src/lib/table/schema';
import { mulberry32 } from '../src/lib/ml/random';
import { summarize } from './data-summary';
import { EdaEngine } from './eda-compute';
import { EDA_SCATTER_MAX, type EdaFilter } from './protocol-eda';

/** Rows of the generated file: enough for V8 to compile the hot loops (on-stack replacement). */
const WARM_UP_ROWS = 3000;
const TEXT_VALUES: Record<string, readonly string[]> = {
  protocol_type: ['tcp', 'udp', 'icmp'],
  service: ['http', 'private', 'domain_u', 'smtp', 'ftp_data', 'ecr_i', 'other'],
  flag: ['SF', 'S0', 'REJ', 'RSTR'],
  attack: ['normal', 'neptune', 'smurf', 'satan', 'portsweep'],
};

/** An NSL-KDD-shaped CSV (the Kaggle header): counts, heavy-tailed bytes, two-decimal rates, text. */
export function warmUpCsv(rows = WARM_UP_ROWS, seed = 1): string {
  const rand = mulberry32(seed);
  const names = NSL_KDD_KAGGLE_COLUMNS;
  // A pool of values per column, drawn from per row: cheap to make (the warm-up is for the
  // parser, not for this), with zeros as common as in the real data.
  const pools = names.map((name) => {
    const text = TEXT_VALUES[name];
    if (text) return text;
    return Array.from({ length: 16 }, (_, k) => {
      if (k < 8) return '0';
      if (name.endsWith('rate')) return String(Math.round(rand() * 100) / 100);
      if (name.endsWith('bytes')) return String(Math.floor(Math.exp(rand() * 14)));
      return String(Math.floor(rand() * 300));
    });
  });
  const lines = [names.join(',')];
  for (let r = 0; r < rows; r++) lines.push(pools.map((pool) => pool[Math.floor(rand() * pool.length)]).join(','));
  return lines.join('\n') + '\n';
}

/**
 * The load path on `warmUpCsv()`: parse (streamed from a Blob), label, frame, summary; then
 * the EDA cells' computations on it (eda-compute.ts), unfiltered and with a filter, which the
 * user's first EDA run would otherwise find cold too.
 */
export async function warmUpLoad(): Promise<void> {
  const csv = warmUpCsv();
  const blob = new Blob([csv]);
  const parsed = await parseCsvStream(blob.stream(), blob.size, { fileName: 'warm-up.csv' });
  const label = detectLabel(parsed.table, parsed.schema);
  const { frame, renamed, buildMs } = buildDanfoFrame(parsed.table);
  summarize({
    fileName: 'warm-up.csv',
    bytes: blob.size,
    parsed,
    label,
    frame: { rows: frame.shape[0], cols: frame.shape[1], buildMs, renamed },
    timings: { parseMs: 0, frameMs: buildMs, totalMs: 0 },
  });
  const eda = new EdaEngine(parsed.table, label);
  const all: EdaFilter = { selections: [] };
  const tcp: EdaFilter = { selections: [{ column: 'protocol_type', values: ['tcp'] }] };
  for (const filter of [all, tcp]) {
    eda.filterInfo(filter);
    eda.overview(filter);
    eda.stats(filter, 'all');
    eda.distribution(filter, null, null, null);
    eda.classes(filter);
    eda.breakdown(filter);
    eda.correlation(filter, 'pearson');
    eda.outliers(filter, EDA_SCATTER_MAX);
    eda.traffic(filter, null);
  }
}
