/**
 * Deterministic train/validation split of a selection (an index array, DESIGN §3).
 */
import { mulberry32, shuffleInPlace } from './random';

export interface TrainValidationSplit {
  /** Rows for fitting, ascending (membership is random; order is sorted for sequential reads). */
  readonly train: Uint32Array;
  /** Rows held out, ascending. */
  readonly validation: Uint32Array;
}

/**
 * Split `index` at random into train and validation parts.
 *
 * - `validationFraction` in [0, 1]: the validation part has `Math.round(length × fraction)` rows
 *   (sklearn's `test_size` uses ceil, which turns 0.1 × 30 into 4 through floating point error;
 *   rounding does not).
 * - The same `index`, fraction and seed always give the same split (mulberry32 + Fisher–Yates).
 * - Both parts are returned sorted ascending. The model worker shuffles its own batches, and sorted
 *   rows keep column reads sequential.
 */
export function trainValidationSplit(
  index: Uint32Array,
  validationFraction: number,
  seed: number,
): TrainValidationSplit {
  if (!(validationFraction >= 0 && validationFraction <= 1)) {
    throw new RangeError(
      `trainValidationSplit: validationFraction must be in [0, 1], got ${validationFraction}`,
    );
  }
  const n = index.length;
  const nValidation = Math.round(n * validationFraction);
  const shuffled = shuffleInPlace(index.slice(), mulberry32(seed));
  const validation = shuffled.slice(0, nValidation).sort();
  const train = shuffled.slice(nValidation).sort();
  return { train, validation };
}

/** `0, 1, …, n − 1` as a selection: every row of a table. */
export function allRows(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
