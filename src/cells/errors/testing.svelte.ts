/**
 * Synthetic scored rows and a fake `ScoringService` for the unit tests of this folder: seeded,
 * no worker, no model. Normal rows get small errors, attack rows larger ones (log-normal).
 */
import { mulberry32 } from '../../lib/charts/sample';
import type { LatentProjection, RowExplanation, ScoredRows, ScoringService } from '../model/scored';
import type { CellValue } from '../../../workers/protocol';

export const KDD_CLASSES: readonly string[] = ['normal', 'neptune', 'satan', 'guess_passwd', 'rootkit', 'mystery'];

/** Standard normal from two uniforms (Box–Muller). */
function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export interface SyntheticOptions {
  readonly n: number;
  readonly seed?: number;
  /** Fraction of attack rows (default 0.45). */
  readonly attackRate?: number;
  readonly labelled?: boolean;
  readonly kind?: 'dataset' | 'testset';
  readonly fileName?: string;
}

export function syntheticScored(options: SyntheticOptions): ScoredRows {
  const rand = mulberry32(options.seed ?? 7);
  const n = options.n;
  const labelled = options.labelled ?? true;
  const attackRate = options.attackRate ?? 0.45;
  const mse = new Float32Array(n);
  const isAnomaly = new Uint8Array(n);
  const classCodes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const attack = rand() < attackRate;
    isAnomaly[i] = attack ? 1 : 0;
    classCodes[i] = attack ? 1 + Math.floor(rand() * (KDD_CLASSES.length - 1)) : 0;
    // normal: median 1e-3; attacks: median 2e-2, both log-normal.
    mse[i] = Math.exp((attack ? Math.log(2e-2) : Math.log(1e-3)) + (attack ? 1.2 : 0.6) * gaussian(rand));
  }
  const nTrain = Math.max(10, Math.floor(n / 2));
  const trainMse = new Float32Array(nTrain);
  for (let i = 0; i < nTrain; i++) trainMse[i] = Math.exp(Math.log(1e-3) + 0.6 * gaussian(rand));
  const nVal = Math.max(10, Math.floor(n / 10));
  const vMse = new Float32Array(nVal);
  const vLab = new Uint8Array(nVal);
  for (let i = 0; i < nVal; i++) {
    const attack = rand() < attackRate;
    vLab[i] = attack ? 1 : 0;
    vMse[i] = Math.exp((attack ? Math.log(2e-2) : Math.log(1e-3)) + (attack ? 1.2 : 0.6) * gaussian(rand));
  }
  return {
    source: { kind: options.kind ?? 'dataset', fileName: options.fileName ?? 'synthetic.csv' },
    mse,
    isAnomaly: labelled ? isAnomaly : null,
    classCodes: labelled ? classCodes : null,
    classNames: labelled ? KDD_CLASSES : [],
    labelColumn: labelled ? 'attack' : null,
    trainMse,
    validation: labelled ? { mse: vMse, isAnomaly: vLab } : null,
    unseen: [],
    features: ['src_bytes', 'dst_bytes', 'protocol_type=tcp', 'service=<img src=x>'],
  };
}

export const FAKE_COLUMNS: readonly string[] = ['duration', 'service', 'attack'];

/** A scoring service over fixed rows; counts its calls. */
export class FakeScoring implements ScoringService {
  // Reactive like the real service: the shared threshold derives from `scored.trainMse`.
  scored = $state.raw<ScoredRows | null>(null);
  readonly calls = { explainRow: 0, latent: 0, rows: 0, scoreTestFile: 0, useDataset: 0 };
  readonly rowRequests: number[] = [];

  constructor(
    readonly dataset: ScoredRows,
    readonly testset: ScoredRows | null = null,
  ) {
    this.scored = dataset;
  }

  async explainRow(row: number): Promise<RowExplanation> {
    this.calls.explainRow++;
    const s = this.scored;
    if (!s) throw new Error('no rows');
    const features = s.features;
    const input = Float32Array.from(features, (_, j) => ((row + j) % 7) / 7);
    const reconstruction = Float32Array.from(features, () => 0.5);
    const sqErr = Float32Array.from(features, (_, j) => (input[j] - reconstruction[j]) ** 2);
    return { row, columns: FAKE_COLUMNS, values: this.#values(row), features, input, reconstruction, sqErr, mse: s.mse[row] };
  }

  async latent(k: number): Promise<LatentProjection> {
    this.calls.latent++;
    const n = Math.min(k, this.scored?.mse.length ?? 0);
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    return { rows, x: Float32Array.from(rows, (r) => Math.cos(r)), y: Float32Array.from(rows, (r) => Math.sin(r)), explained: [0.6, 0.2] };
  }

  async scoreTestFile(file: File): Promise<void> {
    this.calls.scoreTestFile++;
    if (!this.testset) throw new Error(`cannot score ${file.name}`);
    this.scored = this.testset;
  }

  useDataset(): void {
    this.calls.useDataset++;
    this.scored = this.dataset;
  }

  async rows(rows: Uint32Array): Promise<{ columns: readonly string[]; rows: readonly (readonly CellValue[])[] }> {
    this.calls.rows++;
    this.rowRequests.push(rows.length);
    return { columns: FAKE_COLUMNS, rows: Array.from(rows, (r) => this.#values(r)) };
  }

  #values(row: number): CellValue[] {
    // Hostile text in a few rows: formula-like cells must come out neutralised.
    const service = row % 3 === 0 ? '=HYPERLINK("http://x")' : row % 3 === 1 ? '@SUM(A1)' : 'http';
    return [row % 5 === 0 ? -row : row, service, this.scored?.classCodes ? KDD_CLASSES[this.scored.classCodes[row]] : null];
  }
}
