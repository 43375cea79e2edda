import { describe, expect, it } from 'vitest';
import { Notebook } from '../../notebook/cell.svelte';
import { percentile } from '../../lib/ml/threshold';
import { ERROR_ORDER, ErrorCells, rowLabel } from './errors.svelte';
import { DEFAULT_PERCENTILE } from '../model/threshold.svelte';
import { FakeScoring, syntheticScored } from './testing.svelte';

async function settle(cells: ErrorCells): Promise<void> {
  for (let k = 0; k < 200; k++) {
    await new Promise((r) => setTimeout(r, 0));
    if (ERROR_ORDER.every((id) => !cells.cells[id].running)) return;
  }
  throw new Error('cells did not settle');
}

function setup(n = 3000) {
  const dataset = syntheticScored({ n, seed: 1, fileName: 'sample.csv' });
  const testset = syntheticScored({ n: 1200, seed: 2, kind: 'testset', fileName: 'KDDTest+.txt' });
  // The same model scored both: the training errors are the same numbers.
  const test = { ...testset, trainMse: dataset.trainMse.slice(), validation: dataset.validation };
  const scoring = new FakeScoring(dataset, test);
  const notebook = new Notebook();
  const cells = new ErrorCells(notebook, () => scoring);
  return { dataset, test, scoring, notebook, cells };
}

describe('ErrorCells', () => {
  it('adds its cells to the notebook in order', () => {
    const { notebook } = setup(100);
    expect(notebook.cells.map((c) => c.id)).toEqual(ERROR_ORDER.map((id) => `errors-${id}`));
  });

  it('computes every view when scored rows arrive, with the seed default threshold', async () => {
    const { cells, dataset, scoring } = setup();
    cells.sync(dataset);
    await settle(cells);
    const sorted = Float64Array.from(dataset.trainMse).sort();
    expect(cells.threshold!.percentile).toBe(DEFAULT_PERCENTILE);
    expect(cells.threshold!.value).toBe(percentile(sorted, 99.9));
    expect(cells.distribution?.log).toBe(true);
    expect(cells.rowsChart?.total).toBe(3000);
    expect(cells.evaluation).not.toBeNull();
    expect(cells.suggestions.map((s) => s.id)).toEqual(['p95', 'p99', 'p99.9', 'best-f1']);
    expect(cells.latent?.n).toBe(3000);
    expect(cells.log).toHaveLength(20);
    expect(cells.log.every((e) => e.top !== null && e.top.length === 3)).toBe(true);
    expect(scoring.calls.explainRow).toBe(20);
    for (const id of ERROR_ORDER) expect(cells.cells[id].status, id).toBe(id === 'testset' ? 'idle' : 'done');
  });

  it('moves metrics with the threshold (derived, no recomputation of the model)', async () => {
    const { cells, dataset } = setup();
    cells.sync(dataset);
    await settle(cells);
    const model = cells.evaluation;
    const before = cells.at!.confusion!;
    cells.threshold!.setPercentile(95);
    const after = cells.at!.confusion!;
    expect(cells.evaluation).toBe(model);
    expect(after.recall).toBeGreaterThan(before.recall);
    expect(after.precision).toBeLessThanOrEqual(before.precision);
    cells.threshold!.setValue(1e-2);
    expect(cells.at!.threshold).toBe(1e-2);
    expect(cells.threshold!.percentile).toBeCloseTo(100 * (Array.from(dataset.trainMse).filter((v) => v <= 1e-2).length / dataset.trainMse.length), 9);
  });

  it('switches to a test file and back, keeping the threshold of the same model', async () => {
    const { cells, dataset, test, scoring } = setup();
    cells.sync(dataset);
    await settle(cells);
    cells.threshold!.setPercentile(99);
    const t = cells.threshold!.value;
    cells.evaluateFile(new File(['x'], 'KDDTest+.txt'));
    await settle(cells);
    expect(scoring.calls.scoreTestFile).toBe(1);
    cells.sync(scoring.scored);
    expect(cells.scored).toBe(test);
    await settle(cells);
    expect(cells.threshold!.value).toBe(t);
    expect(cells.at?.n).toBe(1200);
    cells.useDataset();
    cells.sync(scoring.scored);
    await settle(cells);
    expect(cells.scored).toBe(dataset);
    expect(cells.testFileName).toBeNull();
  });

  it("follows a new model's training errors at the same percentile", async () => {
    const { cells, dataset, scoring } = setup();
    cells.sync(dataset);
    await settle(cells);
    const before = cells.threshold!.value;
    const retrained = syntheticScored({ n: 3000, seed: 99 });
    scoring.scored = retrained;
    cells.sync(retrained);
    await settle(cells);
    expect(cells.threshold!.percentile).toBe(DEFAULT_PERCENTILE);
    expect(cells.threshold!.value).toBe(percentile(Float64Array.from(retrained.trainMse).sort(), DEFAULT_PERCENTILE));
    expect(cells.threshold!.value).not.toBe(before);
    expect(cells.suggestions[2].threshold).toBe(cells.threshold!.value);
  });

  it('exports the flagged rows in chunks, neutralised', async () => {
    const { cells, dataset, scoring } = setup(6000);
    cells.sync(dataset);
    await settle(cells);
    cells.threshold!.setValue(1e-3);
    const flagged = Array.from(dataset.mse).filter((v) => v > 1e-3).length;
    expect(flagged).toBeGreaterThan(2000);
    const out = await cells.flaggedCsv();
    expect(out?.rows).toBe(flagged);
    expect(scoring.rowRequests.every((k) => k <= 2000)).toBe(true);
    const lines = out!.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('row,reconstruction_mse,duration,service,attack');
    expect(lines).toHaveLength(flagged + 1);
    for (const line of lines.slice(1)) {
      const cellsOfLine = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
      for (const c of cellsOfLine) {
        if (/^[=+@]/.test(c)) throw new Error(`live formula in ${line}`);
        if (/^-/.test(c)) expect(Number.isFinite(Number(c)), line).toBe(true);
      }
    }
  });

  it('exports a header-only file when nothing is flagged', async () => {
    const { cells, dataset } = setup(200);
    cells.sync(dataset);
    await settle(cells);
    cells.threshold!.setValue(1e9);
    const out = await cells.flaggedCsv();
    expect(out?.csv).toBe('row,reconstruction_mse,duration,service,attack\r\n');
  });

  it('explains a row and rejects rows out of range', async () => {
    const { cells, dataset } = setup(100);
    cells.sync(dataset);
    await settle(cells);
    await cells.explain(7);
    expect(cells.explained?.row).toBe(7);
    await cells.explain(100);
    expect(cells.explainError).toMatch(/0 to 99/);
    expect(rowLabel(dataset, 7)).toBe(dataset.classNames[dataset.classCodes![7]]);
  });

  it('shows nothing and fails nothing without a model', async () => {
    const notebook = new Notebook();
    const cells = new ErrorCells(notebook, () => null);
    expect(cells.threshold).toBeNull();
    cells.sync(null);
    await notebook.runAll();
    expect(ERROR_ORDER.every((id) => cells.cells[id].status === 'done')).toBe(true);
    expect(cells.at).toBeNull();
    expect(cells.distribution).toBeNull();
  });
});
