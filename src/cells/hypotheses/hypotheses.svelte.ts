/**
 * State of the hypothesis cells: the shared α, one view per panel (its latest worker result and
 * options), the feature screen with its column detail, and the notebook cells that run them.
 * Results are replaced whole ($state.raw, STYLE 4); an answer to a superseded request is dropped.
 */
import { AUTO_RUN } from '../../notebook/settings';
import { CellRun, errorMessage, type Notebook } from '../../notebook/cell.svelte';
import type { LoadState } from '../load/load.svelte';
import type { DataService } from '../../lib/rpc/data-client';
import {
  HYPOTHESIS_IDS,
  type ColumnTestResult,
  type HypothesisId,
  type PanelParams,
  type PanelResult,
  type ScreenResult,
  type Unavailable,
} from '../../../workers/protocol-hypo';
import type { Scale } from './text';

export const DEFAULT_ALPHA = 0.05;

export const PANEL_TITLES: Readonly<Record<HypothesisId, string>> = {
  'ttest-src_bytes': 'Traffic volume: bytes sent (src_bytes)',
  'ttest-dst_bytes': 'Traffic volume: bytes received (dst_bytes)',
  'chi2-protocol_type': 'Protocol type and anomalies',
  'chi2-service': 'Service and anomalies',
  'logit-flag': 'Connection status (flag) and anomalies',
  'logit-urgent': 'Urgent packets and anomalies',
};

export class PanelView {
  result = $state.raw<PanelResult | null>(null);
  /** Volume panels: the scale shown (both come in one result). */
  scale = $state<Scale>('raw');
  /** Volume panels: also show Student's pooled-variance t. */
  showStudent = $state(false);
  /** χ² panels: fold rare levels into "other" (needs a new run). */
  mergeRare = $state(false);
  #request = 0;

  constructor(
    readonly id: HypothesisId,
    private readonly data: DataService,
  ) {}

  params(): PanelParams {
    switch (this.id) {
      case 'chi2-protocol_type':
      case 'chi2-service':
        return { id: this.id, mergeRare: this.mergeRare };
      case 'ttest-src_bytes':
      case 'ttest-dst_bytes':
        return { id: this.id };
      case 'logit-flag':
        return { id: this.id };
      case 'logit-urgent':
        return { id: this.id };
    }
  }

  async refresh(): Promise<void> {
    const request = ++this.#request;
    const result = await this.data.call('hypotheses.panel', this.params());
    if (request === this.#request) this.result = result;
  }

  /** A new dataset: options back to their defaults, the old result gone. */
  reset(): void {
    this.#request++;
    this.result = null;
    this.scale = 'raw';
    this.showStudent = false;
    this.mergeRare = false;
  }
}

export class ScreenView {
  result = $state.raw<ScreenResult | Unavailable | null>(null);
  /** The column whose detail is open (from a row click or the picker). */
  column = $state<string | null>(null);
  detail = $state.raw<ColumnTestResult | null>(null);
  detailLoading = $state(false);
  detailError = $state<string | null>(null);
  #request = 0;
  #detailRequest = 0;

  constructor(private readonly data: DataService) {}

  async refresh(): Promise<void> {
    const request = ++this.#request;
    const result = await this.data.call('hypotheses.screen', {});
    if (request === this.#request) this.result = result;
  }

  /** Tests one column against the label and shows it as the detail. */
  async open(column: string): Promise<void> {
    const request = ++this.#detailRequest;
    this.column = column;
    this.detailLoading = true;
    this.detailError = null;
    try {
      const detail = await this.data.call('hypotheses.test', { column });
      if (request === this.#detailRequest) this.detail = detail;
    } catch (err) {
      if (request === this.#detailRequest) {
        this.detail = null;
        this.detailError = errorMessage(err);
      }
    } finally {
      if (request === this.#detailRequest) this.detailLoading = false;
    }
  }

  close(): void {
    this.#detailRequest++;
    this.column = null;
    this.detail = null;
    this.detailLoading = false;
    this.detailError = null;
  }

  reset(): void {
    this.#request++;
    this.result = null;
    this.close();
  }
}

export type HypothesisCellId = HypothesisId | 'screen';

/** Notebook order: the six panels, then the screen. */
export const HYPOTHESIS_ORDER: readonly HypothesisCellId[] = [...HYPOTHESIS_IDS, 'screen'];

/** Whether the loaded data can be tested, and if not, why (in words). */
export function labelProblem(load: LoadState): string | null {
  const s = load.summary;
  if (!s) return 'Load a dataset first.';
  const l = s.label;
  if (l.column === null) return 'These tests compare normal and anomalous rows: choose a label column in the Load cell.';
  if (l.normalValue === null) return `No value of the label column ${l.column} was recognised as normal: choose its normal value in the Load cell.`;
  if (l.anomalies === 0 || l.normals === 0) return `Every labelled row is ${l.normals === 0 ? 'anomalous' : 'normal'}: there is nothing to compare.`;
  return null;
}

export class HypothesisCells {
  /** Significance level shared by every panel. */
  alpha = $state(DEFAULT_ALPHA);
  readonly panels: Readonly<Record<HypothesisId, PanelView>>;
  readonly screen: ScreenView;
  readonly cells: Readonly<Record<HypothesisCellId, CellRun>>;
  #seenVersion = 0;

  constructor(
    notebook: Notebook,
    readonly load: LoadState,
    data: DataService,
  ) {
    const panels = {} as Record<HypothesisId, PanelView>;
    const cells = {} as Record<HypothesisCellId, CellRun>;
    for (const id of HYPOTHESIS_IDS) {
      const view = new PanelView(id, data);
      panels[id] = view;
      cells[id] = notebook.add(new CellRun(`hypothesis-${id}`, PANEL_TITLES[id], () => view.refresh()));
    }
    this.screen = new ScreenView(data);
    const screen = this.screen;
    cells.screen = notebook.add(new CellRun('hypothesis-screen', 'Test every feature against the label', () => screen.refresh()));
    this.panels = panels;
    this.cells = cells;
  }

  /** Why the cells cannot run on the current data (null = they can); reactive through `load`. */
  get problem(): string | null {
    return labelProblem(this.load);
  }

  /** Called whenever the dataset version changes: drop old results, then run if a label exists. */
  sync(version: number): void {
    if (version === 0 || !this.load.summary || version === this.#seenVersion) return;
    this.#seenVersion = version;
    for (const id of HYPOTHESIS_IDS) this.panels[id].reset();
    this.screen.reset();
    if (this.problem === null && AUTO_RUN) this.runAll();
  }

  runAll(): void {
    for (const id of HYPOTHESIS_ORDER) void this.cells[id].run();
  }

  rerun(id: HypothesisCellId): void {
    void this.cells[id].run();
  }
}
