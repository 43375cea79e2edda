/**
 * The data worker's ML handlers: validate the (untrusted) parameters, run ml-compute.ts over the
 * dataset or the test file, and hand matrices back as transferables. The test file lives here
 * beside the dataset (never replacing it); both go when the worker goes (a new dataset load).
 */
import type { Handlers } from './serve';
import { UserError } from './serve';
import { requireDataset } from './dataset';
import { detectTestLabel, labelArrays, prepareTraining, rowValues } from './ml-compute';
import { ML_MAX_ROWS, type MlLabels, type MlMethods, type MlSource, type MlTransformResult } from './protocol-ml';
import { applyPreprocessing, specFromJSON, type PreprocessSpec } from '../src/lib/ml/preprocess';
import { parseCsvStream, type ParsedTable } from '../src/lib/table/parse';
import type { LabelDetection } from '../src/lib/table/label';

interface Source {
  readonly fileName: string;
  readonly parsed: ParsedTable;
  readonly label: LabelDetection;
}

let testset: Source | null = null;

function source(which: MlSource): Source {
  if (which === 'dataset') {
    const d = requireDataset();
    return { fileName: d.fileName, parsed: d.parsed, label: d.label };
  }
  if (!testset) throw new UserError('No test file is loaded.', 'no-testset');
  return testset;
}

function readSource(x: unknown): MlSource {
  if (x === 'dataset' || x === 'testset') return x;
  throw new UserError('Malformed ML request: source must be "dataset" or "testset".', 'bad-request');
}

function readSpec(x: unknown): PreprocessSpec {
  if (typeof x !== 'string') throw new UserError('Malformed ML request: spec must be the preprocessing spec as JSON text.', 'bad-request');
  try {
    return specFromJSON(x);
  } catch (err) {
    throw new UserError(err instanceof Error ? err.message : String(err), 'bad-spec');
  }
}

function readRows(x: unknown, nRows: number, max = Infinity): Uint32Array {
  if (!(x instanceof Uint32Array)) throw new UserError('Malformed ML request: rows must be a Uint32Array.', 'bad-request');
  if (x.length > max) throw new UserError(`At most ${max} rows can be asked for at once (got ${x.length}).`, 'too-many-rows');
  for (let i = 0; i < x.length; i++) {
    if (x[i] >= nRows) throw new UserError(`Row ${x[i]} is out of range (the data has ${nRows} rows).`, 'bad-request');
  }
  return x;
}

function transferLabels(labels: MlLabels, transfer: (...b: Transferable[]) => void): void {
  if (labels.isAnomaly) transfer(labels.isAnomaly.buffer);
  if (labels.classCodes) transfer(labels.classCodes.buffer);
}

function transform(which: MlSource, src: Source, spec: PreprocessSpec, rows: Uint32Array | undefined, withLabels: boolean): MlTransformResult {
  const t0 = performance.now();
  let out;
  try {
    out = applyPreprocessing(spec, src.parsed.table, rows);
  } catch (err) {
    // e.g. a test file that lacks a column the model needs: the user's problem, in words.
    throw new UserError(`${src.fileName} cannot be fed to this model: ${err instanceof Error ? err.message.replace(/^applyPreprocessing: /, '') : String(err)}`, 'incompatible');
  }
  return {
    source: which,
    fileName: src.fileName,
    x: out.matrix,
    nRows: out.nRows,
    nFeatures: out.nFeatures,
    unseen: out.unseen,
    missingFilled: out.missingFilled,
    infiniteClipped: out.infiniteClipped,
    coerced: out.coerced,
    ...(withLabels ? { labels: labelArrays(src.parsed.table, src.label) } : {}),
    ms: performance.now() - t0,
  };
}

export const mlHandlers: Handlers<MlMethods> = {
  'ml.prepare'(p, ctx) {
    const t0 = performance.now();
    if (p?.mode !== 'normal' && p?.mode !== 'all') throw new UserError('Malformed ML request: mode must be "normal" or "all".', 'bad-request');
    const fraction = p.validationFraction;
    if (typeof fraction !== 'number' || !(fraction >= 0 && fraction <= 0.9)) {
      throw new UserError('The validation split must be a number from 0 to 0.9.', 'bad-request');
    }
    if (typeof p.seed !== 'number' || !Number.isFinite(p.seed)) throw new UserError('The seed must be a number.', 'bad-request');
    const exclude = p.exclude ?? [];
    if (!Array.isArray(exclude) || exclude.some((e) => typeof e !== 'string')) {
      throw new UserError('Malformed ML request: exclude must be a list of column names.', 'bad-request');
    }
    const d = requireDataset();
    let prepared;
    try {
      prepared = prepareTraining(d.parsed.table, d.parsed.schema, d.label, { mode: p.mode, validationFraction: fraction, seed: p.seed, exclude });
    } catch (err) {
      if (err instanceof RangeError) throw new UserError(err.message.replace(/^fitPreprocessing: /, ''), 'cannot-prepare');
      throw err;
    }
    const { train, validationLoss } = prepared;
    ctx.transfer(train.matrix.buffer, validationLoss.matrix.buffer, prepared.trainRows.buffer, prepared.validationLossRows.buffer, prepared.validationRows.buffer);
    return {
      mode: prepared.mode,
      specJson: prepared.specJson,
      features: prepared.spec.features,
      dropped: prepared.spec.dropped,
      excluded: prepared.excluded,
      trainRows: prepared.trainRows,
      train: { x: train.matrix, nRows: train.nRows, nFeatures: train.nFeatures },
      validationLossRows: prepared.validationLossRows,
      validationLoss: { x: validationLoss.matrix, nRows: validationLoss.nRows, nFeatures: validationLoss.nFeatures },
      validationRows: prepared.validationRows,
      nRows: d.parsed.table.nRows,
      notes: prepared.notes,
      ms: performance.now() - t0,
    };
  },

  'ml.transform'(p, ctx) {
    const which = readSource(p?.source);
    const spec = readSpec(p.spec);
    const src = source(which);
    const rows = p.rows === undefined ? undefined : readRows(p.rows, src.parsed.table.nRows);
    const out = transform(which, src, spec, rows, p.withLabels === true);
    ctx.transfer(out.x.buffer);
    if (out.labels) transferLabels(out.labels, ctx.transfer);
    return out;
  },

  async 'ml.loadTestFile'(p, ctx) {
    const t0 = performance.now();
    const file = p?.file;
    if (!(file instanceof File)) throw new UserError('Malformed ML request: file must be a File.', 'bad-request');
    const spec = p.spec === undefined ? null : readSpec(p.spec);
    const dataset = requireDataset();
    const parsed = await parseCsvStream(file.stream(), file.size, {
      fileName: file.name,
      onProgress: ({ bytes, rows, phase }) => ctx.progress({ phase, bytes, totalBytes: file.size, rows }),
    });
    const label = detectTestLabel(parsed.table, parsed.schema, dataset.label);
    const next: Source = { fileName: file.name, parsed, label };
    let matrix: MlTransformResult | undefined;
    if (spec) {
      ctx.progress({ phase: 'transforming', bytes: file.size, totalBytes: file.size, rows: parsed.table.nRows });
      matrix = transform('testset', next, spec, undefined, false);
      ctx.transfer(matrix.x.buffer);
    }
    // Kept only once it is known to fit the model: a failed load keeps the previous test file.
    testset = next;
    const labels = labelArrays(parsed.table, label);
    transferLabels(labels, ctx.transfer);
    return {
      fileName: file.name,
      nRows: parsed.table.nRows,
      nCols: parsed.table.columns.length,
      schemaName: parsed.schemaName,
      labels,
      ...(matrix ? { matrix } : {}),
      ms: performance.now() - t0,
    };
  },

  'ml.rows'(p) {
    const src = source(readSource(p?.source));
    const rows = readRows(p.rows, src.parsed.table.nRows, ML_MAX_ROWS);
    return rowValues(src.parsed.table, rows);
  },
};
