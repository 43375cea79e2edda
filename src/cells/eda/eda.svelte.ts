/**
 * State of the EDA cells: the shared filter, one view per cell (its latest worker result and
 * options), and the notebook cells that run them. Every view asks the data worker for a small
 * result computed under the current filter; results are replaced whole ($state.raw, STYLE 4).
 */
import { AUTO_RUN } from '../../notebook/settings';
import { CellRun, type Notebook } from '../../notebook/cell.svelte';
import type { LoadState } from '../load/load.svelte';
import type { DataService } from '../../lib/rpc/data-client';
import type {
  EdaBreakdownResult,
  EdaClassesResult,
  EdaCorrelationMethod,
  EdaCorrelationResult,
  EdaDistributionResult,
  EdaFilter,
  EdaFilterResult,
  EdaGroupKey,
  EdaOutliersResult,
  EdaOverviewResult,
  EdaSelection,
  EdaStatsResult,
  EdaTrafficResult,
} from '../../../workers/protocol-eda';
import { selectionKey, toFilter, withSelection } from './filters';

export class EdaFilterState {
  selections = $state.raw<readonly EdaSelection[]>([]);
  readonly key = $derived(selectionKey(this.selections));

  get filter(): EdaFilter {
    return toFilter(this.selections);
  }

  set(column: string, values: readonly string[]): void {
    this.selections = withSelection(this.selections, column, values);
  }

  clear(): void {
    if (this.selections.length > 0) this.selections = [];
  }
}

/** One view's latest result; an answer to a superseded request is dropped. */
abstract class View<R> {
  result = $state.raw<R | null>(null);
  #request = 0;

  constructor(
    protected readonly data: DataService,
    protected readonly filter: EdaFilterState,
  ) {}

  /** `generation` lets the worker drop this request if a newer one of this view overtakes it. */
  protected abstract fetch(filter: EdaFilter, generation: number): Promise<R>;

  /** Options go back to their defaults for a new dataset. */
  reset(): void {}

  async refresh(): Promise<void> {
    const request = ++this.#request;
    const result = await this.fetch(this.filter.filter, request);
    if (request === this.#request) this.result = result;
  }
}

export class FilterView extends View<EdaFilterResult> {
  protected fetch(filter: EdaFilter, generation: number) {
    return this.data.call('eda.filter', { filter, generation });
  }
}

export class OverviewView extends View<EdaOverviewResult> {
  protected fetch(filter: EdaFilter, generation: number) {
    return this.data.call('eda.overview', { filter, generation });
  }
}

export class StatsView extends View<EdaStatsResult> {
  group = $state<EdaGroupKey>('all');
  override reset(): void {
    this.group = 'all';
  }
  protected fetch(filter: EdaFilter, generation: number) {
    return this.data.call('eda.stats', { filter, generation, group: this.group });
  }
}

export class DistributionView extends View<EdaDistributionResult> {
  numeric = $state<string | null>(null);
  categorical = $state<string | null>(null);
  /** null = let the worker decide from the column (log-spaced bins for heavy tails). */
  log = $state<boolean | null>(null);
  override reset(): void {
    this.numeric = null;
    this.categorical = null;
    this.log = null;
  }
  protected fetch(filter: EdaFilter, generation: number) {
    return this.data.call('eda.distribution', { filter, generation, numeric: this.numeric, categorical: this.categorical, log: this.log });
  }
}

export class ClassesView extends View<EdaClassesResult> {
  protected fetch(filter: EdaFilter, generation: number) {
    return this.data.call('eda.classes', { filter, generation });
  }
}

export class BreakdownView extends View<EdaBreakdownResult> {
  protected fetch(filter: EdaFilter, generation: number) {
    return this.data.call('eda.breakdown', { filter, generation });
  }
}

export class CorrelationView extends View<EdaCorrelationResult> {
  method = $state<EdaCorrelationMethod>('pearson');
  protected fetch(filter: EdaFilter, generation: number) {
    return this.data.call('eda.correlation', { filter, generation, method: this.method });
  }
}

/**
 * Scatter points asked for. Plotly's WebGL trace (scattergl) compiles its shaders with `new
 * Function`, which our CSP forbids (no 'unsafe-eval', DESIGN §6), so the scatter is drawn as SVG,
 * one element per point: by Plotly, 2,000 points took ~0.1 s of one main-thread task, 5,000
 * ~0.25–0.45 s and 20,000 ~0.7 s (measured in Chromium on this 2-core machine); the point layer
 * (src/lib/charts/point-layer.ts) now draws them as plain circles at a few ms per thousand. The
 * chart is redrawn at every filter change, so it keeps the smaller sample (stated in its title).
 */
export const SCATTER_POINTS = 2_000;

export class OutliersView extends View<EdaOutliersResult> {
  protected fetch(filter: EdaFilter, generation: number) {
    return this.data.call('eda.outliers', { filter, generation, maxPoints: SCATTER_POINTS });
  }
}

export class TrafficView extends View<EdaTrafficResult> {
  protected fetch(filter: EdaFilter, generation: number) {
    return this.data.call('eda.traffic', { filter, generation, windowSize: null });
  }
}

export type EdaViewId = 'overview' | 'stats' | 'distributions' | 'classes' | 'breakdown' | 'correlation' | 'outliers' | 'traffic' | 'filters';

/** Notebook order (the order; the filter cell comes last, its summary sits on top). */
export const EDA_ORDER: readonly EdaViewId[] = ['overview', 'stats', 'distributions', 'classes', 'breakdown', 'correlation', 'outliers', 'traffic', 'filters'];

const RUN_ORDER: readonly EdaViewId[] = ['filters', 'classes', 'distributions', 'traffic', 'breakdown', 'stats', 'overview', 'outliers', 'correlation'];

const TITLES: Readonly<Record<EdaViewId, string>> = {
  overview: 'Overview',
  stats: 'Column statistics',
  distributions: 'Distributions',
  classes: 'Class balance',
  breakdown: 'Protocol, service & connection status',
  correlation: 'Correlation',
  outliers: 'Outliers',
  traffic: 'Traffic over time',
  filters: 'Filters',
};

export class EdaCells {
  readonly filter = new EdaFilterState();
  readonly filters: FilterView;
  readonly overview: OverviewView;
  readonly stats: StatsView;
  readonly distributions: DistributionView;
  readonly classes: ClassesView;
  readonly breakdown: BreakdownView;
  readonly correlation: CorrelationView;
  readonly outliers: OutliersView;
  readonly traffic: TrafficView;
  readonly cells: Readonly<Record<EdaViewId, CellRun>>;
  #seenVersion = 0;

  constructor(
    notebook: Notebook,
    readonly load: LoadState,
    data: DataService,
  ) {
    const f = this.filter;
    this.filters = new FilterView(data, f);
    this.overview = new OverviewView(data, f);
    this.stats = new StatsView(data, f);
    this.distributions = new DistributionView(data, f);
    this.classes = new ClassesView(data, f);
    this.breakdown = new BreakdownView(data, f);
    this.correlation = new CorrelationView(data, f);
    this.outliers = new OutliersView(data, f);
    this.traffic = new TrafficView(data, f);
    const cells = {} as Record<EdaViewId, CellRun>;
    for (const id of EDA_ORDER) {
      const view = this.view(id);
      cells[id] = notebook.add(new CellRun(`eda-${id}`, TITLES[id], () => view.refresh()));
    }
    this.cells = cells;
  }

  view(id: EdaViewId): View<unknown> {
    switch (id) {
      case 'overview':
        return this.overview;
      case 'stats':
        return this.stats;
      case 'distributions':
        return this.distributions;
      case 'classes':
        return this.classes;
      case 'breakdown':
        return this.breakdown;
      case 'correlation':
        return this.correlation;
      case 'outliers':
        return this.outliers;
      case 'traffic':
        return this.traffic;
      case 'filters':
        return this.filters;
    }
  }

  /**
   * Called whenever the dataset version or the filter changes. A new dataset first drops the
   * filter and per-view options (they name columns and values of the old data); clearing a
   * non-empty filter triggers the next call, which runs the cells.
   */
  sync(version: number): void {
    if (version === 0 || !this.load.summary) return;
    if (version !== this.#seenVersion) {
      this.#seenVersion = version;
      for (const id of EDA_ORDER) this.view(id).reset();
      if (this.filter.selections.length > 0) {
        this.filter.clear();
        return;
      }
      if (!AUTO_RUN) return; // a new dataset waits for Run (filter changes still re-run)
    }
    this.runAll();
  }

  /**
   * Runs every EDA cell. The worker answers in the order asked, so the cheap views go first
   * (the filter count, then the charts, which the main thread draws while the worker goes on)
   * and the ones that pass over every column (statistics, overview, outliers) or multiply every
   * pair (correlation) last. A request still queued when the same view asks again (a newer
   * filter) is dropped by the worker, and its cell's superseded run ignores the error.
   */
  runAll(): void {
    for (const id of RUN_ORDER) void this.cells[id].run();
  }

  /** Re-runs one cell after one of its options changed. */
  rerun(id: EdaViewId): void {
    void this.cells[id].run();
  }

  setFilter(column: string, values: readonly string[]): void {
    this.filter.set(column, values);
  }
}
