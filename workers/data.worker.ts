/// <reference lib="webworker" />
/**
 * The data worker (DESIGN §1): owns the dataset — the typed `Table`, the label, and the danfojs
 * DataFrame built from it. The UI receives only small results.
 */
import type { DataFrame } from 'danfojs';
import { serve, type Handlers } from './serve';
import { edaHandlers } from './eda';
import { hypothesisHandlers } from './hypotheses';
import { mlHandlers } from './ml';
import { DATA_METHODS, type CoreDataMethods, type DataMethods, type DatasetSummary, type LoadProgress, type PageResult } from './protocol-data';
import { parseCsvStream } from '../src/lib/table/parse';
import { detectLabel } from '../src/lib/table/label';
import { buildDanfoFrame, frameSkipReason } from '../src/lib/table/danfo';
import { distinctCount, summarize } from './data-summary';
import { LoadError } from '../src/lib/table/errors';
import { requireDataset, setDataset, type Dataset } from './dataset';
import { rowValues } from '../src/lib/table/rows';
import { warmUpLoad } from './warm-up';

interface OpenSource {
  stream: ReadableStream<Uint8Array>;
  bytes: number;
  name: string;
  /** The same bytes again from the start: the parser re-reads rows instead of keeping the text. */
  reopen: () => Promise<ReadableStream<Uint8Array>>;
}

async function openSource(source: DataMethods['load']['params']['source']): Promise<OpenSource> {
  if (source.kind === 'file') {
    const file = source.file;
    return { stream: file.stream(), bytes: file.size, name: file.name, reopen: () => Promise.resolve(file.stream()) };
  }
  // Only same-origin URLs (the bundled sample): the CSP's connect-src 'self' enforces it too.
  const url = new URL(source.url, self.location.href);
  if (url.origin !== self.location.origin) throw new LoadError('Only files from this app can be fetched.', 'bad-source');
  const get = async () => {
    const res = await fetch(url);
    if (!res.ok || !res.body) throw new LoadError(`Could not read ${source.name} (HTTP ${res.status}).`, 'fetch');
    return res;
  };
  const res = await get();
  const body = res.body as ReadableStream<Uint8Array>;
  return { stream: body, bytes: Number(res.headers.get('content-length') ?? 0), name: source.name, reopen: async () => (await get()).body as ReadableStream<Uint8Array> };
}

function summary(d: Dataset): DatasetSummary {
  return summarize({
    fileName: d.fileName,
    bytes: d.bytes,
    parsed: d.parsed,
    label: d.label,
    frame: d.frameInfo,
    timings: { parseMs: d.parseMs, frameMs: d.frameInfo.buildMs, totalMs: d.totalMs },
  });
}

const core: Handlers<CoreDataMethods> = {
  async load(params, ctx) {
    const t0 = performance.now();
    const { stream, bytes, name, reopen } = await openSource(params.source);
    const progress = (p: Omit<LoadProgress, 'rowsPerSec' | 'etaSec'>) => {
      const sec = (performance.now() - t0) / 1000;
      const rowsPerSec = sec > 0 ? p.rows / sec : 0;
      const bytesPerSec = sec > 0 ? p.bytes / sec : 0;
      const etaSec = p.totalBytes > 0 && bytesPerSec > 0 ? Math.max(0, (p.totalBytes - p.bytes) / bytesPerSec) : null;
      ctx.progress({ ...p, rowsPerSec, etaSec });
    };
    let bytesRead = 0;
    const parsed = await parseCsvStream(stream, bytes, {
      fileName: name,
      chunkChars: params.chunkChars,
      reopen,
      onProgress: ({ bytes: read, rows, phase }) => {
        bytesRead = read;
        progress({ phase, bytes: read, totalBytes: bytes, rows });
      },
    });
    const parseMs = performance.now() - t0;
    const skipped = frameSkipReason(parsed.table.nRows, parsed.table.columns.length);
    const total = Math.max(bytes, bytesRead);
    let frame: DataFrame | null = null;
    let frameInfo: DatasetSummary['frame'] = { skipped: skipped ?? undefined, rows: 0, cols: 0, buildMs: 0, renamed: [] };
    if (skipped === null) {
      progress({ phase: 'dataframe', bytes: total, totalBytes: total, rows: parsed.table.nRows });
      const built = buildDanfoFrame(parsed.table);
      frame = built.frame;
      frameInfo = { rows: frame.shape[0], cols: frame.shape[1], buildMs: built.buildMs, renamed: built.renamed };
    }
    progress({ phase: 'summary', bytes: total, totalBytes: total, rows: parsed.table.nRows });
    const label = detectLabel(parsed.table, parsed.schema, params.label);
    // Release the previous dataset only once the new one is complete: a failed load loses nothing.
    const dataset = setDataset({ fileName: name, bytes: total, parsed, label, frame, frameInfo, parseMs, totalMs: performance.now() - t0 });
    const result = summary(dataset);
    // The reported load time covers everything up to the summary the UI receives.
    return { ...result, timings: { ...result.timings, totalMs: performance.now() - t0 } };
  },

  setLabel(params) {
    const d = requireDataset();
    const label = detectLabel(d.parsed.table, d.parsed.schema, { column: params.column, normalValue: params.normalValue });
    return summary(setDataset({ ...d, label }));
  },

  page({ offset, limit }): PageResult {
    const { table } = requireDataset().parsed;
    const start = Math.max(0, Math.min(Math.floor(offset), table.nRows));
    const end = Math.min(table.nRows, start + Math.max(0, Math.min(Math.floor(limit), 1000)));
    const rows = new Uint32Array(end - start).map((_, i) => start + i);
    return { offset: start, total: table.nRows, ...rowValues(table, rows) };
  },

  columnDistinct() {
    return { counts: requireDataset().parsed.table.columns.map(distinctCount) };
  },

  async warmUp() {
    const t0 = performance.now();
    await warmUpLoad();
    return { ms: performance.now() - t0 };
  },
};

serve<DataMethods>(self, DATA_METHODS, { ...core, ...edaHandlers, ...hypothesisHandlers, ...mlHandlers });
