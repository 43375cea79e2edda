/**
 * The data worker's ML work over real Tables parsed by the table library: which rows train, which
 * columns are left out, the validation split, the spec's JSON round trip, a test file with
 * categories the training rows never had, and the row values handed to the UI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../src/lib/table/parse';
import { detectLabel } from '../src/lib/table/label';
import { applyPreprocessing, specFromJSON } from '../src/lib/ml/preprocess';
import { detectTestLabel, excludedColumns, labelArrays, normalMask, prepareTraining, rowValues } from './ml-compute';

const here = dirname(fileURLToPath(import.meta.url));
const kddTrain = resolve(here, '../../shared/datasets/nsl-kdd/KDDTrain+_20Percent.txt');
const kddTest = resolve(here, '../../shared/datasets/nsl-kdd/KDDTest+.txt');

/** 20 rows: 12 normal, 6 attacks, 2 missing labels; a difficulty column as in the Kaggle copy. */
function trainCsv(): string {
  const lines = ['duration,protocol_type,service,src_bytes,rate,attack,last_flag'];
  const protos = ['tcp', 'udp', 'icmp'];
  for (let i = 0; i < 20; i++) {
    const label = i < 12 ? 'normal' : i < 18 ? 'neptune' : '';
    // 'ftp' only on attack rows: never seen by a normal-only fit.
    const service = i >= 12 && i < 18 ? 'ftp' : i % 2 === 0 ? 'http' : 'smtp';
    lines.push([i, protos[i % 3], service, i * 1000, (i % 5) / 4, label, 20 - (i % 3)].join(','));
  }
  return lines.join('\n');
}

async function parsed(csv: string) {
  const p = await parseCsvText(csv);
  return { ...p, label: detectLabel(p.table, p.schema) };
}

describe('excludedColumns', () => {
  it('leaves out the label, the difficulty column and the user list, in table order', async () => {
    const p = await parsed(trainCsv());
    expect(excludedColumns(p.table, p.schema, 'attack')).toEqual(['attack', 'last_flag']);
    expect(excludedColumns(p.table, p.schema, 'attack', ['rate', 'nope'])).toEqual(['rate', 'attack', 'last_flag']);
  });

  it('treats `level` as the difficulty only in NSL-KDD layouts', async () => {
    const generic = await parseCsvText('a,level,label\n1,2,normal\n2,3,attack\n3,4,normal');
    expect(generic.schema).toBe('generic');
    expect(excludedColumns(generic.table, generic.schema, 'label')).toEqual(['label']);
    const nsl = await parseCsvText(readFileSync(resolve(here, '../tests/fixtures/table-nsl-kdd-headerless.csv'), 'utf8'));
    expect(nsl.schema).toBe('nsl-kdd');
    expect(excludedColumns(nsl.table, nsl.schema, 'attack')).toEqual(['attack', 'level']);
  });
});

describe('prepareTraining', () => {
  it("'normal' mode trains on the normal rows of the training split only", async () => {
    const p = await parsed(trainCsv());
    const mask = normalMask(p.table, p.label) as Uint8Array;
    expect(Array.from(mask)).toEqual([...Array(12).fill(1), ...Array(8).fill(0)]);

    const out = prepareTraining(p.table, p.schema, p.label, { mode: 'normal', validationFraction: 0.25, seed: 7 });
    expect(out.mode).toBe('normal');
    // 20 rows → 5 validation, 15 training; the training rows are the normal ones among those 15.
    expect(out.validationRows.length).toBe(5);
    const trainPart = 20 - out.validationRows.length;
    expect(out.trainRows.length).toBeLessThanOrEqual(trainPart);
    for (const r of out.trainRows) expect(mask[r]).toBe(1);
    for (const r of out.validationLossRows) expect(mask[r]).toBe(1);
    // Disjoint, and together the normal rows are all there.
    const seen = new Set([...out.trainRows, ...out.validationRows]);
    expect(seen.size).toBe(out.trainRows.length + out.validationRows.length);
    expect(out.trainRows.length + out.validationLossRows.length).toBe(12);
    // Ascending row order.
    expect(Array.from(out.trainRows)).toEqual(Array.from(out.trainRows).sort((a, b) => a - b));

    // Label and difficulty excluded; the attack-only service never became a feature.
    expect(out.excluded).toEqual(['attack', 'last_flag']);
    expect(out.spec.features.some((f) => f.startsWith('attack') || f.startsWith('last_flag'))).toBe(false);
    expect(out.spec.features).not.toContain('service=ftp');
    expect(out.spec.features).toContain('service=http');

    // Matrices: the right shapes, every value in [0, 1].
    const nF = out.spec.features.length;
    expect(out.train.nFeatures).toBe(nF);
    expect(out.train.matrix.length).toBe(out.trainRows.length * nF);
    expect(out.validationLoss.matrix.length).toBe(out.validationLossRows.length * nF);
    for (const v of out.train.matrix) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('is seeded: the same seed gives the same split, another seed another one', async () => {
    const p = await parsed(trainCsv());
    const a = prepareTraining(p.table, p.schema, p.label, { mode: 'normal', validationFraction: 0.3, seed: 1 });
    const b = prepareTraining(p.table, p.schema, p.label, { mode: 'normal', validationFraction: 0.3, seed: 1 });
    const c = prepareTraining(p.table, p.schema, p.label, { mode: 'normal', validationFraction: 0.3, seed: 2 });
    expect(Array.from(a.validationRows)).toEqual(Array.from(b.validationRows));
    expect(Array.from(a.train.matrix)).toEqual(Array.from(b.train.matrix));
    expect(Array.from(a.validationRows)).not.toEqual(Array.from(c.validationRows));
  });

  it("'all' mode trains on every row of the training split; a zero split leaves no validation", async () => {
    const p = await parsed(trainCsv());
    const out = prepareTraining(p.table, p.schema, p.label, { mode: 'all', validationFraction: 0, seed: 3 });
    expect(out.trainRows.length).toBe(20);
    expect(out.validationRows.length).toBe(0);
    expect(out.validationLoss.nRows).toBe(0);
    expect(out.spec.features).toContain('service=ftp');
  });

  it("falls back to 'all' (and says so) when the data has no label", async () => {
    const p = await parsed('p,q,proto\n1,5,tcp\n2,6,udp\n3,9,tcp\n4,1,udp\n5,0,tcp');
    expect(p.label.column).toBeNull();
    const out = prepareTraining(p.table, p.schema, p.label, { mode: 'normal', validationFraction: 0.2, seed: 3 });
    expect(out.mode).toBe('all');
    expect(out.notes.join(' ')).toMatch(/no usable label/);
    expect(out.trainRows.length).toBe(4);
    expect(out.validationRows.length).toBe(1);
  });

  it('rejects a validation split outside [0, 0.9]', async () => {
    const p = await parsed(trainCsv());
    expect(() => prepareTraining(p.table, p.schema, p.label, { mode: 'all', validationFraction: 0.95, seed: 1 })).toThrow(/between 0 and 0.9/);
  });

  it('the spec round-trips through JSON and reproduces the matrix exactly', async () => {
    const p = await parsed(trainCsv());
    const out = prepareTraining(p.table, p.schema, p.label, { mode: 'normal', validationFraction: 0.25, seed: 7 });
    const spec = specFromJSON(out.specJson);
    expect(spec).toEqual(out.spec);
    const again = applyPreprocessing(spec, p.table, out.trainRows);
    expect(again.matrix).toEqual(out.train.matrix);
  });
});

describe('a test file transformed with the training spec', () => {
  it('counts unseen categories and detects its label with the dataset label column', async () => {
    const p = await parsed(trainCsv());
    const out = prepareTraining(p.table, p.schema, p.label, { mode: 'normal', validationFraction: 0.25, seed: 7 });
    const test = await parseCsvText(
      [
        'duration,protocol_type,service,src_bytes,rate,attack,last_flag',
        '1,tcp,http,10,0.5,normal,21',
        '2,udp,ftp,99999999,1,smurf,3',
        '3,sctp,ftp,5,0,normal,21',
        '4,tcp,,5,0,smurf,21',
      ].join('\n'),
    );
    const label = detectTestLabel(test.table, test.schema, p.label);
    expect(label.column).toBe('attack');
    expect(label.normalValue).toBe('normal');
    const labels = labelArrays(test.table, label);
    expect(Array.from(labels.isAnomaly as Uint8Array)).toEqual([0, 1, 0, 1]);
    expect((labels.classCodes as Int32Array).length).toBe(4);
    expect(labels.classNames[(labels.classCodes as Int32Array)[1]]).toBe('smurf');

    const t = applyPreprocessing(out.spec, test.table);
    expect(t.nRows).toBe(4);
    const service = t.unseen.find((u) => u.column === 'service');
    expect(service).toEqual({ column: 'service', count: 2, examples: ['ftp'] });
    const proto = t.unseen.find((u) => u.column === 'protocol_type');
    expect(proto?.count).toBe(1);
    // Out-of-range numbers are clipped to [0, 1].
    for (const v of t.matrix) expect(v >= 0 && v <= 1).toBe(true);
  });

  it("re-detects the normal value when the dataset's does not occur in the test file", async () => {
    const p = await parsed(trainCsv());
    const test = await parseCsvText('a,attack\n1,BENIGN\n2,DoS\n3,BENIGN');
    const label = detectTestLabel(test.table, test.schema, p.label);
    expect(label.column).toBe('attack');
    expect(label.normalValue).toBe('BENIGN');
  });
});

describe('labelArrays and rowValues', () => {
  it('returns copies that are safe to transfer', async () => {
    const p = await parsed(trainCsv());
    const labels = labelArrays(p.table, p.label);
    expect(labels.column).toBe('attack');
    (labels.isAnomaly as Uint8Array).fill(9);
    (labels.classCodes as Int32Array).fill(9);
    expect(p.label.isAnomaly?.[0]).toBe(0);
    const col = p.table.columns.find((c) => c.name === 'attack');
    expect(col?.kind === 'categorical' && col.codes[0] !== 9).toBe(true);
  });

  it('gives a numeric label column codes over its values as text', async () => {
    const p = await parsed('a,label\n1,0\n2,1\n3,0\n4,');
    const labels = labelArrays(p.table, p.label);
    expect(labels.classNames).toEqual(['0', '1']);
    expect(Array.from(labels.classCodes as Int32Array)).toEqual([0, 1, 0, -1]);
  });

  it('no label: nulls', async () => {
    const p = await parsed('a,b\n1,2\n3,4');
    expect(labelArrays(p.table, p.label)).toEqual({ column: null, isAnomaly: null, classCodes: null, classNames: [] });
  });

  it('rowValues returns numbers, strings and null for missing, in the asked order', async () => {
    const p = await parsed(trainCsv());
    const out = rowValues(p.table, Uint32Array.of(19, 0));
    expect(out.columns[0]).toBe('duration');
    expect(out.rows[0][0]).toBe(19);
    expect(out.rows[0][5]).toBeNull();
    expect(out.rows[1][1]).toBe('tcp');
    expect(() => rowValues(p.table, Uint32Array.of(20))).toThrow(/out of range/);
  });
});

describe('NSL-KDD: KDDTrain+_20Percent → KDDTest+', () => {
  it('trains on the 13,449 normal rows (less the validation split) and transforms the test file', async () => {
    const train = await parseCsvText(readFileSync(kddTrain, 'utf8'));
    const label = detectLabel(train.table, train.schema);
    const out = prepareTraining(train.table, train.schema, label, { mode: 'normal', validationFraction: 0.1, seed: 42 });
    expect(out.trainRows.length + out.validationLossRows.length).toBe(13_449);
    expect(out.validationRows.length).toBe(Math.round(25_192 * 0.1));
    expect(out.excluded).toEqual(['attack', 'level']);
    expect(out.spec.features.length).toBeGreaterThan(50);

    const test = await parseCsvText(readFileSync(kddTest, 'utf8'));
    const testLabel = detectTestLabel(test.table, test.schema, label);
    expect(testLabel.anomalies).toBe(12_833);
    const t = applyPreprocessing(out.spec, test.table);
    expect(t.nRows).toBe(22_544);
    expect(t.nFeatures).toBe(out.spec.features.length);
  });
});
