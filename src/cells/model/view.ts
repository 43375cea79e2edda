/** Words and numbers the Autoencoder cell shows (pure; the .svelte files only render them). */
import type { BackendChoice, BackendName, TrainProgress, TrainResult } from '../../../workers/protocol-model';
import { backendLabel } from '../../lib/ml/backend';
import { formatNumber } from '../../ui/format';
import type { Phase, TrainStatus } from './model.svelte';

export function statusText(status: TrainStatus, result: TrainResult | null): string {
  switch (status) {
    case 'idle':
      return 'not trained';
    case 'training':
      return 'training…';
    case 'done':
      if (result?.reason === 'stopped') return `stopped after ${result.epochsRun} epoch${result.epochsRun === 1 ? '' : 's'}`;
      if (result?.reason === 'nan') return `stopped (NaN loss) after ${result.epochsRun} epochs`;
      return 'trained';
    case 'error':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
  }
}

export function backendText(choice: BackendChoice | null, error: string | null, force: BackendName | null): string {
  if (choice) return `Backend: ${backendLabel(choice.backend, { simd: choice.simd, threads: choice.threads })}${force ? ' (forced)' : ''}`;
  if (error) return 'Backend: none could start';
  return force ? `Backend: ${backendLabel(force)} requested` : 'Backend: chosen when the model worker starts';
}

export function phaseText(phase: Phase): string {
  switch (phase) {
    case 'backend':
      return 'Starting TensorFlow.js in the model worker…';
    case 'prepare':
      return 'Preprocessing: fitting the spec and building the matrices in the data worker…';
    case 'train':
      return 'Training…';
    case 'score':
      return 'Scoring every row (preprocessing in the data worker, prediction in the model worker)…';
    case 'load':
      return 'Loading the model…';
  }
}

/** Fraction of all batches of all epochs done. */
export function progressFraction(p: TrainProgress): number {
  const total = p.epochs * p.batchesPerEpoch;
  if (total <= 0) return 0;
  const done = (p.epoch - 1) * p.batchesPerEpoch + p.batch;
  return Math.min(1, Math.max(0, done / total));
}

export function progressText(p: TrainProgress): string {
  return `Epoch ${p.epoch}/${p.epochs} · batch ${p.batch}/${p.batchesPerEpoch} · loss ${formatNumber(p.loss, 4)}`;
}
