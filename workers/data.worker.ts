/// <reference lib="webworker" />
/**
 * The data worker (DESIGN §1): owns the dataset — the typed `Table`, the label, and the danfojs
 * DataFrame built from it. The UI receives only small results.
 */
import { serve, type Handlers } from './serve';
import { edaHandlers } from './eda';
import { hypothesisHandlers } from './hypotheses';
import { mlHandlers } from './ml';
import { DATA_METHODS, type CoreDataMethods, type DataMethods, type DatasetSummary, type LoadProgress, type PageResult } from './protocol-data';
import { parseCsvStream } from '../src/lib/table/parse';
import { detectLabel } from '../src/lib/table/label';
import { buildDanfoFrame } from '../src/lib/table/danfo';
import { summarize } from './data-summary';
import { LoadError } from '../src/lib/table/errors';
import { requireDataset, setDataset, type Dataset } from './dataset';
import { rowValues } from '../src/lib/table/rows';

async function openSource(source: DataMethods['load']['params']['source']): Promise<{ stream: ReadableStream<Uint8Array>; bytes: number; name: string }> {
  if (source.kind === 'file') return { stream: source.file.stream(), bytes: source.file.size, name: source.file.name };
  // Only same-origin URLs (the bundled sample): the CSP's connect-src 'self' enforces it too.
  const url = new URL(source.url, self.location.href);
  if (url.origin !== self.location.origin) throw new LoadError('Only files from this app can be fetched.', 'bad-source');
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new LoadError(`Could not read ${source.name} (HTTP ${res.status}).`, 'fetch');
  return { stream: res.body, bytes: Number(res.headers.get('content-length') ?? 0), name: source.name };
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
    const { stream, bytes, name } = await openSource(params.source);
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
      onProgress: ({ bytes: read, rows }) => {
        bytesRead = read;
        progress({ phase: 'reading', bytes: read, totalBytes: bytes, rows });
      },
    });
    const parseMs = performance.now() - t0;
    progress({ phase: 'dataframe', bytes, totalBytes: bytes, rows: parsed.table.nRows });
    const label = detectLabel(parsed.table, parsed.schema, params.label);
    const built = buildDanfoFrame(parsed.table);
    const frameInfo = {
      rows: built.frame.shape[0],
      cols: built.frame.shape[1],
      buildMs: built.buildMs,
      renamed: built.renamed,
    };
    // Release the previous dataset only once the new one is complete: a failed load loses nothing.
    const dataset = setDataset({ fileName: name, bytes: Math.max(bytes, bytesRead), parsed, label, frame: built.frame, frameInfo, parseMs, totalMs: performance.now() - t0 });
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
};

serve<DataMethods>(self, DATA_METHODS, { ...core, ...edaHandlers, ...hypothesisHandlers, ...mlHandlers });
