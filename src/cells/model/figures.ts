/**
 * The loss chart of the Autoencoder cell as plain SVG geometry (pure, tested as data).
 *
 * Why not Plotly here: the chart changes while training runs, and a Plotly redraw of even this
 * small line chart costs 50–60 ms of main thread on the project's machine (measured: one long task
 * per epoch). A few SVG elements redraw in well under a millisecond, so training never freezes
 * the page (issue 5, goal c).
 */
import type { TrainHistory } from '../../../workers/protocol-model';

export interface ChartSize {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export const LOSS_CHART_SIZE: ChartSize = { width: 640, height: 260, left: 64, right: 16, top: 16, bottom: 40 };

export interface Tick {
  readonly at: number;
  readonly label: string;
}

export interface Dot {
  readonly cx: number;
  readonly cy: number;
  readonly epoch: number;
  readonly value: number;
}

export interface Series {
  readonly name: string;
  /** SVG polyline `points`; breaks at non-finite values are simply skipped. */
  readonly points: string;
  readonly dots: readonly Dot[];
}

export interface LossChartGeometry {
  readonly size: ChartSize;
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  readonly series: readonly Series[];
  /** Plot area: x from `x0` to `x1`, y from `y0` (top) to `y1` (bottom). */
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** A "nice" upper bound and step for 0..max with about `count` steps (1, 2, 2.5, 5 × 10^k). */
export function niceScale(max: number, count = 4): { top: number; step: number } {
  if (!(max > 0) || !Number.isFinite(max)) return { top: 1, step: 0.25 };
  const raw = max / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return { top: Math.ceil(max / step - 1e-9) * step, step };
}

function tickLabel(v: number, step: number): string {
  if (v === 0) return '0';
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  if (step < 1e-3) return v.toExponential(1);
  return v.toFixed(Math.min(digits, 6));
}

/**
 * Geometry of training and validation loss per epoch. `epochs` (the configured total) fixes the
 * x axis for the whole run, so the chart grows from the left instead of re-scaling every epoch.
 */
export function lossChartGeometry(history: TrainHistory, epochs: number, size: ChartSize = LOSS_CHART_SIZE): LossChartGeometry {
  const x0 = size.left;
  const x1 = size.width - size.right;
  const y0 = size.top;
  const y1 = size.height - size.bottom;
  const n = Math.max(1, Math.floor(epochs), history.loss.length, history.valLoss.length);
  let max = 0;
  for (const v of [...history.loss, ...history.valLoss]) if (Number.isFinite(v) && v > max) max = v;
  const { top, step } = niceScale(max);
  const x = (epoch: number) => (n === 1 ? (x0 + x1) / 2 : x0 + ((epoch - 1) / (n - 1)) * (x1 - x0));
  const y = (v: number) => y1 - (Math.min(v, top) / top) * (y1 - y0);

  const xStep = Math.max(1, Math.ceil(n / 10));
  const xTicks: Tick[] = [];
  for (let e = 1; e <= n; e += xStep) xTicks.push({ at: x(e), label: String(e) });
  const yTicks: Tick[] = [];
  const steps = Math.round(top / step);
  for (let k = 0; k <= steps; k++) yTicks.push({ at: y(k * step), label: tickLabel(k * step, step) });

  const series = (name: string, values: readonly number[]): Series => {
    const dots: Dot[] = [];
    values.forEach((v, i) => {
      if (Number.isFinite(v)) dots.push({ cx: round(x(i + 1)), cy: round(y(v)), epoch: i + 1, value: v });
    });
    return { name, points: dots.map((d) => `${d.cx},${d.cy}`).join(' '), dots };
  };
  const out: Series[] = [series('training (dropout on)', history.loss)];
  if (history.valLoss.length > 0) out.push(series('validation', history.valLoss));
  return { size, xTicks, yTicks, series: out, x0, x1, y0, y1 };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
