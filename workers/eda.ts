/**
 * The data worker's EDA handlers: validate the (untrusted) parameters, find the engine of the
 * current dataset version (eda-compute.ts caches per filter inside it) and answer small results.
 */
import type { Handlers } from './serve';
import { UserError } from './serve';
import { EDA_SCATTER_MAX, type EdaCorrelationMethod, type EdaGroupKey, type EdaMethods } from './protocol-eda';
import { requireDataset } from './dataset';
import { EdaEngine } from './eda-compute';
import { readFilter } from './eda-data';
import { statsFrame } from './eda-frame';

let engine: { version: number; engine: EdaEngine } | null = null;

function current(): EdaEngine {
  const d = requireDataset();
  if (!engine || engine.version !== d.version) {
    engine = { version: d.version, engine: new EdaEngine(d.parsed.table, d.label) };
  }
  return engine.engine;
}

function oneOf<T extends string>(x: unknown, allowed: readonly T[], what: string): T {
  if (typeof x === 'string' && (allowed as readonly string[]).includes(x)) return x as T;
  throw new UserError(`Malformed EDA request: ${what} must be one of ${allowed.join(', ')}.`, 'bad-request');
}

function nameOrNull(x: unknown, what: string): string | null {
  if (x === null || typeof x === 'string') return x;
  throw new UserError(`Malformed EDA request: ${what} must be a column name or null.`, 'bad-request');
}

const GROUPS: readonly EdaGroupKey[] = ['all', 'normal', 'anomalous'];
const METHODS: readonly EdaCorrelationMethod[] = ['pearson', 'spearman'];

export const edaHandlers: Handlers<EdaMethods> = {
  'eda.filter': (p) => current().filterInfo(readFilter(p?.filter)),
  'eda.overview': (p) => current().overview(readFilter(p?.filter)),
  'eda.stats': (p) => {
    const t0 = performance.now();
    const result = current().stats(readFilter(p?.filter), oneOf(p?.group, GROUPS, 'group'));
    // The statistics table as a danfojs DataFrame: the data's dataframe face (DESIGN §3).
    const frame = statsFrame(result.stats);
    return { ...result, frame: { rows: frame.shape[0], cols: frame.shape[1], columns: frame.columns }, ms: performance.now() - t0 };
  },
  'eda.distribution': (p) =>
    current().distribution(
      readFilter(p?.filter),
      nameOrNull(p?.numeric, 'numeric'),
      nameOrNull(p?.categorical, 'categorical'),
      p?.log === true ? true : p?.log === false ? false : null,
    ),
  'eda.classes': (p) => current().classes(readFilter(p?.filter)),
  'eda.breakdown': (p) => current().breakdown(readFilter(p?.filter)),
  'eda.correlation': (p) => current().correlation(readFilter(p?.filter), oneOf(p?.method, METHODS, 'method')),
  'eda.outliers': (p) => {
    const m = p?.maxPoints;
    if (!(typeof m === 'number' && m >= 0)) throw new UserError('Malformed EDA request: maxPoints must be a number ≥ 0.', 'bad-request');
    return current().outliers(readFilter(p?.filter), Math.min(EDA_SCATTER_MAX, Math.floor(m)));
  },
  'eda.traffic': (p) => {
    const w = p?.windowSize;
    if (w !== null && !(typeof w === 'number' && Number.isFinite(w) && w >= 1)) {
      throw new UserError('Malformed EDA request: windowSize must be a positive number or null.', 'bad-request');
    }
    return current().traffic(readFilter(p?.filter), w);
  },
};
