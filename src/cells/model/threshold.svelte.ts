/**
 * The anomaly threshold, shared by every cell that shows or uses it (the Autoencoder cell's
 * summary, the error cells' threshold studio, metrics, the anomalies log): one instance per
 * `ScoringService`, found with `thresholdOf(scoring)`.
 *
 * The threshold is a percentile of the TRAINING rows' errors (`scored.trainMse`, numpy's linear
 * interpolation), 99.9 by default (the seed's rule; test labels never set it), or a value the
 * user typed — then the percentile shown is that value's rank among the training errors.
 *
 * Controls: several cells may offer the same control (test ids `threshold-value`,
 * `threshold-percentile`). A cell that renders them calls `claimControls()` (in an `$effect`,
 * returning the release function) and the Autoencoder cell then hides its own compact copy, so a
 * test id is never on the page twice.
 */
import { untrack } from 'svelte';
import { SortedScores } from '../../lib/ml/threshold';
import type { ScoringService } from './scored';

export const DEFAULT_PERCENTILE = 99.9;

export class ThresholdState {
  /** Percentile of the training errors, in [0, 100]. */
  percentile = $state(DEFAULT_PERCENTILE);
  /** A value set directly (setValue), else null: the value follows the percentile. */
  #manual = $state<number | null>(null);
  #claims = $state(0);

  // Sorting is done once per reference array, not on every read.
  #sortedFor: Float32Array | null = null;
  #sortedCache: SortedScores | null = null;

  constructor(private readonly reference: () => Float32Array | null) {}

  /** The training errors, sorted (null before a model is scored). */
  readonly sorted: SortedScores | null = $derived.by(() => {
    const ref = this.reference();
    if (ref !== this.#sortedFor) {
      this.#sortedFor = ref;
      this.#sortedCache = ref ? new SortedScores(ref) : null;
    }
    return this.#sortedCache;
  });

  /** The MSE threshold: rows with an error strictly above it are flagged. NaN without a model. */
  readonly value: number = $derived.by(() => {
    if (this.#manual !== null) return this.#manual;
    const s = this.sorted;
    return s && s.length > 0 ? s.percentile(this.percentile) : NaN;
  });

  /** True when the value was typed in rather than derived from the percentile. */
  get manual(): boolean {
    return this.#manual !== null;
  }

  setPercentile(p: number): void {
    if (!Number.isFinite(p)) return;
    this.percentile = Math.min(100, Math.max(0, p));
    this.#manual = null;
  }

  setValue(v: number): void {
    if (!Number.isFinite(v) || v < 0) return;
    this.#manual = v;
    const s = this.sorted;
    if (s && s.length > 0) this.percentile = s.rankOf(v) * 100;
  }

  /** Back to the default rule (a new model). */
  reset(percentile = DEFAULT_PERCENTILE): void {
    this.percentile = percentile;
    this.#manual = null;
  }

  /** True while some other cell renders the threshold controls. */
  get controlsClaimed(): boolean {
    return this.#claims > 0;
  }

  /** Declares that the caller renders the controls; call the returned function when it stops. */
  claimControls(): () => void {
    // Untracked: called from an $effect, a tracked read of #claims would make the effect
    // depend on the counter it writes, and re-run itself forever.
    untrack(() => this.#claims++);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      untrack(() => this.#claims--);
    };
  }
}

const registry = new WeakMap<ScoringService, ThresholdState>();

/** Ties a scoring service to its threshold (the Autoencoder cell does this for its own). */
export function registerThreshold(scoring: ScoringService, threshold: ThresholdState): void {
  registry.set(scoring, threshold);
}

/** The one threshold of a scoring service (created, bound to its training errors, if none yet). */
export function thresholdOf(scoring: ScoringService): ThresholdState {
  let t = registry.get(scoring);
  if (!t) {
    t = new ThresholdState(() => scoring.scored?.trainMse ?? null);
    registry.set(scoring, t);
  }
  return t;
}
