/**
 * The data worker's EDA handlers: validate the (untrusted) parameters, find the engine of the
 * current dataset version (eda-compute.ts caches per filter inside it) and answer small results.
 *
 * Requests are queued here and computed one per task, in the order asked: between two of them
 * the worker reads its new messages, so a request that a newer one for the same method has
 * superseded (a later filter click) is dropped before it costs anything. When the queue is
 * empty the engine does its per-dataset work ahead of time, in slices of a few ms.
 */
import type { Handlers } from './serve';
import { UserError } from './serve';
import { EDA_SCATTER_MAX, type EdaCorrelationMethod, type EdaFilter, type EdaGroupKey, type EdaMethods } from './protocol-eda';
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

function readGeneration(x: unknown): number | null {
  if (x === undefined) return null;
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  throw new UserError('Malformed EDA request: generation must be a number.', 'bad-request');
}

// ── the queue ──────────────────────────────────────────────────────────────────────────────

interface Job {
  readonly method: string;
  readonly generation: number | null;
  readonly run: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

const queue: Job[] = [];
/** Highest generation seen per method. */
const latest = new Map<string, number>();
let pending = false;
const WARM_UP_SLICE_MS = 6;

/**
 * Runs `step` in a new task. A MessageChannel rather than `setTimeout(0)`, which browsers
 * clamp to 4 ms once timeouts nest (every job would wait 4 ms).
 */
const nextTask: (step: () => void) => void = (() => {
  if (typeof MessageChannel === 'undefined') return (step) => void setTimeout(step, 0);
  const channel = new MessageChannel();
  let queued: (() => void) | null = null;
  channel.port1.onmessage = () => {
    const step = queued;
    queued = null;
    step?.();
  };
  // Node (unit tests): the port must not keep the process alive.
  (channel.port1 as { unref?: () => void }).unref?.();
  return (step) => {
    queued = step;
    channel.port2.postMessage(null);
  };
})();

function pump(): void {
  if (pending) return;
  pending = true;
  nextTask(step);
}

function step(): void {
  pending = false;
  const job = queue.shift();
  if (job) {
    const newest = latest.get(job.method);
    if (job.generation !== null && newest !== undefined && job.generation < newest) {
      job.reject(new UserError('Superseded by a newer request.', 'superseded'));
    } else {
      try {
        job.resolve(job.run());
      } catch (err) {
        job.reject(err);
      }
    }
    pump();
    return;
  }
  // Idle: a slice of the filter-independent work, then look at the queue again.
  if (engine && engine.version === requireDatasetVersion() && engine.engine.warmUp(WARM_UP_SLICE_MS)) pump();
}

function requireDatasetVersion(): number | null {
  try {
    return requireDataset().version;
  } catch {
    return null;
  }
}

function enqueue<R>(method: keyof EdaMethods, generation: number | null, run: () => R): Promise<R> {
  if (generation !== null) latest.set(method, Math.max(latest.get(method) ?? generation, generation));
  return new Promise<R>((resolve, reject) => {
    queue.push({ method, generation, run, resolve: resolve as (value: unknown) => void, reject });
    pump();
  });
}

const GROUPS: readonly EdaGroupKey[] = ['all', 'normal', 'anomalous'];
const METHODS: readonly EdaCorrelationMethod[] = ['pearson', 'spearman'];

/**
 * A handler that checks the request at once (a malformed one throws before it is queued) and
 * queues its work under its own method, where a newer request of the same view supersedes it.
 * `check` validates the method's own parameters and returns the work to run on the filter.
 */
function queued<K extends keyof EdaMethods>(
  method: K,
  check: (p: EdaMethods[K]['params']) => (eng: EdaEngine, filter: EdaFilter) => EdaMethods[K]['result'],
): (p: EdaMethods[K]['params']) => Promise<EdaMethods[K]['result']> {
  return (p) => {
    const filter = readFilter(p?.filter);
    const work = check(p);
    return enqueue(method, readGeneration(p?.generation), () => work(current(), filter));
  };
}

export const edaHandlers: Handlers<EdaMethods> = {
  'eda.filter': queued('eda.filter', () => (eng, filter) => eng.filterInfo(filter)),
  'eda.overview': queued('eda.overview', () => (eng, filter) => eng.overview(filter)),
  'eda.stats': queued('eda.stats', (p) => {
    const group = oneOf(p?.group, GROUPS, 'group');
    return (eng, filter) => {
      const t0 = performance.now();
      const result = eng.stats(filter, group);
      // The statistics table as a danfojs DataFrame: the data's dataframe face (DESIGN §3).
      const frame = statsFrame(result.stats);
      return { ...result, frame: { rows: frame.shape[0], cols: frame.shape[1], columns: frame.columns }, ms: performance.now() - t0 };
    };
  }),
  'eda.distribution': queued('eda.distribution', (p) => {
    const numeric = nameOrNull(p?.numeric, 'numeric');
    const categorical = nameOrNull(p?.categorical, 'categorical');
    const log = p?.log === true ? true : p?.log === false ? false : null;
    return (eng, filter) => eng.distribution(filter, numeric, categorical, log);
  }),
  'eda.classes': queued('eda.classes', () => (eng, filter) => eng.classes(filter)),
  'eda.breakdown': queued('eda.breakdown', () => (eng, filter) => eng.breakdown(filter)),
  'eda.correlation': queued('eda.correlation', (p) => {
    const method = oneOf(p?.method, METHODS, 'method');
    return (eng, filter) => eng.correlation(filter, method);
  }),
  'eda.outliers': queued('eda.outliers', (p) => {
    const m = p?.maxPoints;
    if (!(typeof m === 'number' && m >= 0)) throw new UserError('Malformed EDA request: maxPoints must be a number ≥ 0.', 'bad-request');
    return (eng, filter) => eng.outliers(filter, Math.min(EDA_SCATTER_MAX, Math.floor(m)));
  }),
  'eda.traffic': queued('eda.traffic', (p) => {
    const w = p?.windowSize;
    if (w !== null && !(typeof w === 'number' && Number.isFinite(w) && w >= 1)) {
      throw new UserError('Malformed EDA request: windowSize must be a positive number or null.', 'bad-request');
    }
    return (eng, filter) => eng.traffic(filter, w);
  }),
};
