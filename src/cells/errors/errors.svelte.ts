/**
 * State of the reconstruction-error cells (issue 6): the shared threshold, one result per cell
 * computed when the scored rows change, and the notebook cells that compute them. Per-row data
 * stays in the `ScoredRows` typed arrays; results are replaced whole ($state.raw, STYLE 4).
 * Anything that moves with the threshold is a `$derived` over sorted scores (O(k log n)).
 */
import { CellRun, errorMessage, type Notebook } from '../../notebook/cell.svelte';
import { histogram, histogramByGroup } from '../../lib/stats/histogram';
import { toCsv, type CsvCell } from '../../lib/ml/csv-export';
import type { RowExplanation, ScoredRows, ScoringService } from '../model/scored';
import { buildEvaluation, type EvaluationAt, type EvaluationModel } from './evaluation';
import {
  errorHistogramFigure,
  errorScatterFigure,
  latentFigure,
  type ErrorBins,
  type OverlayFigure,
} from './figures';
import { CSV_PREFIX_COLUMNS, colourGroups, flaggedCsvRows, flaggedRows, scatterSample, topFeatures, topRows, type ColourGroups, type FeatureContribution } from './rows';
import { suggestThresholds, type Suggestion } from './suggest';
import { thresholdOf, type ThresholdState } from '../model/threshold.svelte';

export type ErrorViewId = 'distribution' | 'rows' | 'evaluation' | 'suggested' | 'testset' | 'log' | 'latent';

/** Notebook order (the order). */
export const ERROR_ORDER: readonly ErrorViewId[] = ['distribution', 'rows', 'evaluation', 'suggested', 'testset', 'log', 'latent'];

const TITLES: Readonly<Record<ErrorViewId, string>> = {
  distribution: 'Reconstruction errors & threshold',
  rows: 'Errors per row',
  evaluation: 'Evaluation',
  suggested: 'Suggested thresholds',
  testset: 'Evaluate on a separate test file',
  log: 'Anomalies log',
  latent: 'Latent space',
};

export interface DistributionResult {
  readonly figure: OverlayFigure;
  /** Log-spaced bins (the x axis is log). */
  readonly log: boolean;
}

export interface RowsResult {
  readonly figure: OverlayFigure;
  readonly drawn: number;
  readonly total: number;
}

export interface LogEntry {
  readonly row: number;
  readonly mse: number;
  readonly label: string | null;
  /** Top-3 features by squared error; null while being explained. */
  readonly top: readonly FeatureContribution[] | null;
  readonly error: string | null;
}

export interface LatentResult {
  readonly figure: OverlayFigure;
  readonly n: number;
}

export const LOG_SIZES: readonly number[] = [10, 20, 50];
export const LATENT_SAMPLE = 3000;
const EXPORT_CHUNK = 2000;

const yieldToMain = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The label of one row as text: its class, else normal/anomalous, else null. */
export function rowLabel(s: Pick<ScoredRows, 'isAnomaly' | 'classCodes' | 'classNames'>, row: number): string | null {
  if (s.classCodes) {
    const c = s.classCodes[row];
    return c >= 0 && c < s.classNames.length ? s.classNames[c] : null;
  }
  if (s.isAnomaly) return s.isAnomaly[row] ? 'anomalous' : 'normal';
  return null;
}

export class ErrorCells {
  /** The scored rows the results below were computed from. */
  scored = $state.raw<ScoredRows | null>(null);
  distribution = $state.raw<DistributionResult | null>(null);
  rowsChart = $state.raw<RowsResult | null>(null);
  evaluation = $state.raw<EvaluationModel | null>(null);
  suggestions = $state.raw<readonly Suggestion[]>([]);
  log = $state.raw<readonly LogEntry[]>([]);
  logSize = $state(20);
  latent = $state.raw<LatentResult | null>(null);

  explained = $state.raw<RowExplanation | null>(null);
  explainError = $state<string | null>(null);
  explaining = $state(false);

  exporting = $state(false);
  exportMessage = $state<string | null>(null);

  /** The test file picked last (scored again by the test-file cell's Run). */
  testFileName = $state<string | null>(null);
  #testFile: File | null = null;

  /** Metrics, rates and counts at the current threshold: binary searches only. */
  readonly at: EvaluationAt | null = $derived.by(() => {
    const threshold = this.threshold;
    return this.evaluation && threshold ? this.evaluation.at(threshold.value) : null;
  });

  readonly cells: Readonly<Record<ErrorViewId, CellRun>>;
  #groups: { scored: ScoredRows; groups: ColourGroups } | null = null;
  #explainRequest = 0;

  constructor(
    notebook: Notebook,
    readonly scoring: () => ScoringService | null,
  ) {
    const actions: Record<ErrorViewId, () => Promise<void>> = {
      distribution: () => this.#computeDistribution(),
      rows: () => this.#computeRows(),
      evaluation: () => this.#computeEvaluation(),
      suggested: () => this.#computeSuggestions(),
      testset: () => this.#scoreTestFile(),
      log: () => this.#computeLog(),
      latent: () => this.#computeLatent(),
    };
    const cells = {} as Record<ErrorViewId, CellRun>;
    for (const id of ERROR_ORDER) cells[id] = notebook.add(new CellRun(`errors-${id}`, TITLES[id], actions[id]));
    this.cells = cells;
  }

  /**
   * The one anomaly threshold of the current model (owned by the Autoencoder cell, shared by
   * every cell that shows or uses it); null before a model exists.
   */
  get threshold(): ThresholdState | null {
    const scoring = this.scoring();
    return scoring ? thresholdOf(scoring) : null;
  }

  /** Called whenever the scoring service's rows change: every cell runs again on them. */
  sync(next: ScoredRows | null): void {
    if (next === this.scored) return;
    this.scored = next;
    // Nothing computed from the previous rows stays on screen while the new results come in.
    this.distribution = null;
    this.rowsChart = null;
    this.evaluation = null;
    this.suggestions = [];
    this.log = [];
    this.latent = null;
    this.explained = null;
    this.explainError = null;
    this.exportMessage = null;
    this.runAll();
  }

  runAll(): void {
    for (const id of ERROR_ORDER) if (id !== 'testset') void this.cells[id].run();
  }

  rerun(id: ErrorViewId): void {
    void this.cells[id].run();
  }

  /** Colour groups of the current rows (computed once per set). */
  groupsFor(s: ScoredRows): ColourGroups {
    if (this.#groups?.scored !== s) {
      this.#groups = { scored: s, groups: colourGroups({ n: s.mse.length, isAnomaly: s.isAnomaly, classCodes: s.classCodes, classNames: s.classNames }) };
    }
    return this.#groups.groups;
  }

  async #computeDistribution(): Promise<void> {
    const s = this.scored;
    if (!s) {
      this.distribution = null;
      return;
    }
    await yieldToMain();
    if (s !== this.scored) return;
    const values = Float64Array.from(s.mse);
    let log = true;
    let bins: ErrorBins;
    if (s.isAnomaly) {
      let h = histogramByGroup(values, s.isAnomaly, { log: true, nGroups: 2 });
      if (h.edges.length === 0) {
        log = false;
        h = histogramByGroup(values, s.isAnomaly, { nGroups: 2 });
      }
      bins = { edges: h.edges, counts: h.counts, log, zeros: h.zeros };
    } else {
      let h = histogram(values, { log: true });
      if (h.edges.length === 0) {
        log = false;
        h = histogram(values);
      }
      bins = { edges: h.edges, counts: h.counts, log, zeros: h.zeros };
    }
    this.distribution = { figure: errorHistogramFigure(bins, s.isAnomaly ? ['normal', 'anomalous'] : null), log };
  }

  async #computeRows(): Promise<void> {
    const s = this.scored;
    if (!s) {
      this.rowsChart = null;
      return;
    }
    await yieldToMain();
    if (s !== this.scored) return;
    const groups = this.groupsFor(s);
    const sample = scatterSample(s.mse, groups.group);
    const legend = groups.by === 'family' ? 'attack family' : groups.by === 'class' ? (s.labelColumn ?? 'class') : groups.by === 'label' ? 'label' : null;
    this.rowsChart = { figure: errorScatterFigure(sample, groups.names, legend), drawn: sample.row.length, total: sample.total };
  }

  async #computeEvaluation(): Promise<void> {
    const s = this.scored;
    if (!s) {
      this.evaluation = null;
      return;
    }
    await yieldToMain();
    if (s !== this.scored) return;
    const model = await buildEvaluation(s, yieldToMain);
    if (s === this.scored) this.evaluation = model;
  }

  async #computeSuggestions(): Promise<void> {
    const s = this.scored;
    const train = this.threshold?.sorted ?? null;
    if (!s || !train) {
      this.suggestions = [];
      return;
    }
    await yieldToMain();
    if (s !== this.scored) return;
    this.suggestions = suggestThresholds(train, s.validation);
  }

  async #computeLog(): Promise<void> {
    const s = this.scored;
    const service = this.scoring();
    if (!s || !service) {
      this.log = [];
      return;
    }
    await yieldToMain();
    if (s !== this.scored) return;
    const rows = topRows(s.mse, Math.min(50, Math.max(1, this.logSize)));
    let entries: LogEntry[] = Array.from(rows, (row) => ({ row, mse: s.mse[row], label: rowLabel(s, row), top: null, error: null }));
    this.log = entries;
    // One row at a time: the model worker answers in order and the page stays responsive.
    for (let i = 0; i < entries.length; i++) {
      let next: LogEntry;
      try {
        const ex = await service.explainRow(entries[i].row);
        next = { ...entries[i], top: topFeatures(ex.features, ex.sqErr, 3) };
      } catch (err) {
        next = { ...entries[i], error: errorMessage(err) };
      }
      if (s !== this.scored) return;
      entries = entries.slice();
      entries[i] = next;
      this.log = entries;
    }
  }

  async #computeLatent(): Promise<void> {
    const s = this.scored;
    const service = this.scoring();
    if (!s || !service) {
      this.latent = null;
      return;
    }
    const proj = await service.latent(LATENT_SAMPLE);
    if (s !== this.scored) return;
    const groups = this.groupsFor(s);
    const group = new Uint8Array(proj.rows.length);
    for (let i = 0; i < proj.rows.length; i++) group[i] = groups.group[proj.rows[i]] ?? 0;
    const legend = groups.by === 'family' ? 'attack family' : groups.by === 'none' ? null : 'label';
    this.latent = {
      figure: latentFigure({ x: proj.x, y: proj.y, rows: proj.rows, group, explained: proj.explained, total: s.mse.length }, groups.names, legend),
      n: proj.rows.length,
    };
  }

  async #scoreTestFile(): Promise<void> {
    const service = this.scoring();
    const file = this.#testFile;
    if (!file) return;
    if (!service) throw new Error('Train the autoencoder first: the test file is scored with its model.');
    await service.scoreTestFile(file);
  }

  /** Scores a separate test file with the current model; every cell then evaluates it. */
  evaluateFile(file: File): void {
    this.#testFile = file;
    this.testFileName = file.name;
    void this.cells.testset.run();
  }

  /** Back to the loaded dataset. */
  useDataset(): void {
    this.#testFile = null;
    this.testFileName = null;
    this.scoring()?.useDataset();
  }

  /** Opens one row: its values, reconstruction and per-feature squared errors. */
  async explain(row: number): Promise<void> {
    const s = this.scored;
    const service = this.scoring();
    if (!s || !service) return;
    const request = ++this.#explainRequest;
    if (!Number.isInteger(row) || row < 0 || row >= s.mse.length) {
      this.explainError = `Row must be a whole number from 0 to ${s.mse.length - 1}.`;
      return;
    }
    this.explaining = true;
    this.explainError = null;
    try {
      const ex = await service.explainRow(row);
      if (request === this.#explainRequest && s === this.scored) this.explained = ex;
    } catch (err) {
      if (request === this.#explainRequest) this.explainError = errorMessage(err);
    } finally {
      if (request === this.#explainRequest) this.explaining = false;
    }
  }

  /**
   * The CSV of the rows flagged at the current threshold: row number, error, then every value
   * (fetched from the data worker in chunks). Null when the rows changed meanwhile.
   */
  async flaggedCsv(): Promise<{ csv: string; rows: number; fileName: string } | null> {
    const s = this.scored;
    const service = this.scoring();
    if (!s || !service) return null;
    const idx = flaggedRows(s.mse, this.threshold?.value ?? NaN);
    let columns: readonly string[] | null = null;
    const body: CsvCell[][] = [];
    for (let start = 0; start < idx.length || columns === null; start += EXPORT_CHUNK) {
      const chunk = idx.subarray(start, Math.min(idx.length, start + EXPORT_CHUNK));
      const page = await service.rows(chunk);
      if (s !== this.scored) return null;
      columns ??= page.columns;
      for (const row of flaggedCsvRows(chunk, s.mse, page.rows)) body.push(row);
      if (idx.length === 0) break;
    }
    const csv = toCsv([...CSV_PREFIX_COLUMNS, ...(columns ?? [])], body);
    return { csv, rows: idx.length, fileName: s.source.fileName };
  }
}
