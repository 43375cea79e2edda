/**
 * The ML handlers as the data worker runs them (without a Worker): parameter validation, the
 * transfer list, the test file kept beside the dataset, and row values.
 */
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../src/lib/table/parse';
import { detectLabel } from '../src/lib/table/label';
import { setDataset } from './dataset';
import { mlHandlers } from './ml';
import type { HandlerContext } from './serve';

const CSV = ['duration,protocol_type,service,attack,last_flag', ...Array.from({ length: 40 }, (_, i) => `${i},${['tcp', 'udp'][i % 2]},${i < 30 ? (i % 3 === 0 ? 'smtp' : 'http') : 'ftp'},${i < 30 ? 'normal' : 'smurf'},${i % 21}`)].join('\n');

async function loadDataset(csv = CSV): Promise<void> {
  const parsed = await parseCsvText(csv);
  setDataset({
    fileName: 'train.csv',
    bytes: csv.length,
    parsed,
    label: detectLabel(parsed.table, parsed.schema),
    frame: null as never,
    frameInfo: { rows: parsed.table.nRows, cols: parsed.table.columns.length, buildMs: 0, renamed: [] },
    parseMs: 0,
    totalMs: 0,
  });
}

function ctx<P = never>(): HandlerContext<P> & { transferred: Transferable[]; progressed: P[] } {
  const transferred: Transferable[] = [];
  const progressed: P[] = [];
  return { transferred, progressed, progress: (p) => progressed.push(p), transfer: (...b) => transferred.push(...b) };
}

describe('ml handlers', () => {
  it('ml.prepare returns matrices and rows, all in the transfer list', async () => {
    await loadDataset();
    const c = ctx();
    const out = await mlHandlers['ml.prepare']({ mode: 'normal', validationFraction: 0.25, seed: 5 }, c);
    expect(out.mode).toBe('normal');
    expect(out.nRows).toBe(40);
    expect(out.validationRows.length).toBe(10);
    expect(out.train.nRows + out.validationLoss.nRows).toBe(30);
    expect(out.excluded).toEqual(['attack', 'last_flag']);
    expect(out.train.x.length).toBe(out.train.nRows * out.features.length);
    for (const a of [out.train.x, out.validationLoss.x, out.trainRows, out.validationLossRows, out.validationRows]) expect(c.transferred).toContain(a.buffer);
  });

  it('rejects malformed parameters with a specific message', async () => {
    await loadDataset();
    const bad = (p: unknown) => mlHandlers['ml.prepare'](p as never, ctx());
    expect(() => bad({ mode: 'x', validationFraction: 0.1, seed: 1 })).toThrow(/mode/);
    expect(() => bad({ mode: 'all', validationFraction: 2, seed: 1 })).toThrow(/validation split/);
    expect(() => bad({ mode: 'all', validationFraction: 0.1, seed: 'a' })).toThrow(/seed/);
    expect(() => bad({ mode: 'all', validationFraction: 0.1, seed: 1, exclude: [3] })).toThrow(/exclude/);
    const spec = (await mlHandlers['ml.prepare']({ mode: 'all', validationFraction: 0.1, seed: 1 }, ctx())).specJson;
    expect(() => mlHandlers['ml.transform']({ source: 'nope' as never, spec }, ctx())).toThrow(/source/);
    expect(() => mlHandlers['ml.transform']({ source: 'dataset', spec: '{}' }, ctx())).toThrow(/spec/);
    expect(() => mlHandlers['ml.transform']({ source: 'dataset', spec, rows: [1] as never }, ctx())).toThrow(/Uint32Array/);
    expect(() => mlHandlers['ml.transform']({ source: 'dataset', spec, rows: Uint32Array.of(40) }, ctx())).toThrow(/out of range/);
    expect(() => mlHandlers['ml.rows']({ source: 'testset', rows: Uint32Array.of(0) }, ctx())).toThrow(/No test file/);
  });

  it('ml.transform gives every row (or the asked rows) and the labels of the whole source', async () => {
    await loadDataset();
    const { specJson, features } = await mlHandlers['ml.prepare']({ mode: 'normal', validationFraction: 0, seed: 1 }, ctx());
    const c = ctx();
    const all = await mlHandlers['ml.transform']({ source: 'dataset', spec: specJson, withLabels: true }, c);
    expect(all.nRows).toBe(40);
    expect(all.nFeatures).toBe(features.length);
    expect(all.labels?.column).toBe('attack');
    expect(all.labels?.isAnomaly?.reduce((a, b) => a + b, 0)).toBe(10);
    expect(c.transferred).toContain(all.x.buffer);
    expect(c.transferred).toContain(all.labels?.isAnomaly?.buffer);
    // The ftp rows are anomalies: unseen by a normal-only fit.
    expect(all.unseen).toEqual([{ column: 'service', count: 10, examples: ['ftp'] }]);
    const some = await mlHandlers['ml.transform']({ source: 'dataset', spec: specJson, rows: Uint32Array.of(39, 0) }, ctx());
    expect(some.nRows).toBe(2);
    expect(Array.from(some.x.subarray(features.length))).toEqual(Array.from(all.x.subarray(0, features.length)));
    expect(some.labels).toBeUndefined();
  });

  it('ml.loadTestFile parses and transforms a second file, kept beside the dataset', async () => {
    await loadDataset();
    const { specJson, features } = await mlHandlers['ml.prepare']({ mode: 'normal', validationFraction: 0.1, seed: 1 }, ctx());
    const text = 'duration,protocol_type,service,attack,last_flag\n1,tcp,http,normal,20\n2,icmp,ftp,neptune,3\n3,udp,http,normal,21';
    const c = ctx<{ phase: string }>();
    const out = await mlHandlers['ml.loadTestFile']({ file: new File([text], 'test.csv'), spec: specJson }, c);
    expect(out.fileName).toBe('test.csv');
    expect(out.nRows).toBe(3);
    expect(out.labels.column).toBe('attack');
    expect(Array.from(out.labels.isAnomaly ?? [])).toEqual([0, 1, 0]);
    expect(out.matrix?.nFeatures).toBe(features.length);
    expect(out.matrix?.unseen).toEqual([
      { column: 'protocol_type', count: 1, examples: ['icmp'] },
      { column: 'service', count: 1, examples: ['ftp'] },
    ]);
    expect(c.transferred).toContain(out.matrix?.x.buffer);
    expect(c.progressed.some((p) => p.phase === 'transforming')).toBe(true);

    // The test file is a source of its own; the dataset is untouched.
    const rows = await mlHandlers['ml.rows']({ source: 'testset', rows: Uint32Array.of(1) }, ctx());
    expect(rows.rows[0]).toEqual([2, 'icmp', 'ftp', 'neptune', 3]);
    expect((await mlHandlers['ml.rows']({ source: 'dataset', rows: Uint32Array.of(1) }, ctx())).rows[0][1]).toBe('udp');
    const t = await mlHandlers['ml.transform']({ source: 'testset', spec: specJson, withLabels: true }, ctx());
    expect(t.fileName).toBe('test.csv');
    expect(t.nRows).toBe(3);
  });

  it('a test file lacking a model column fails in words and keeps the previous test file', async () => {
    await loadDataset();
    const { specJson } = await mlHandlers['ml.prepare']({ mode: 'normal', validationFraction: 0.1, seed: 1 }, ctx());
    await mlHandlers['ml.loadTestFile']({ file: new File(['duration,protocol_type,service,attack\n1,tcp,http,normal'], 'good.csv'), spec: specJson }, ctx());
    await expect(mlHandlers['ml.loadTestFile']({ file: new File(['a,b\n1,2'], 'bad.csv'), spec: specJson }, ctx())).rejects.toThrow(/bad.csv cannot be fed to this model.*duration/);
    const t = await mlHandlers['ml.transform']({ source: 'testset', spec: specJson }, ctx());
    expect(t.fileName).toBe('good.csv');
  });
});
