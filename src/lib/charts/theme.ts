/** Shared colours, number formatting and layout pieces for the figure builders. */
import type { Axis, Layout, Title } from './types';

export const COLORS = {
  /** A single series without a label. */
  neutral: '#4c78a8',
  normal: '#2a9d8f',
  anomalous: '#e76f51',
  other: '#9e9e9e',
  line: '#264653',
} as const;

/** Colours for groups 0, 1, 2, …: normal, anomalous, then a categorical palette. */
const GROUP_PALETTE = [COLORS.normal, COLORS.anomalous, '#8e6bbf', '#f4a261', '#3a86ff', '#b5838d'];

export function groupColor(g: number): string {
  return GROUP_PALETTE[g % GROUP_PALETTE.length];
}

/** The label names used when a figure splits rows by `isAnomaly`. */
export const DEFAULT_GROUP_NAMES: readonly string[] = ['normal', 'anomalous'];

/** 1234567 → "1,234,567" without depending on the runtime locale (deterministic output). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const [int, frac] = Math.abs(n).toString().split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac ? `.${frac}` : '');
}

export function title(text: string): Title {
  return { text, x: 0, xanchor: 'left', font: { size: 15 } };
}

/**
 * Tick labels are never hidden for overflowing: Plotly's default for numeric axes and colour bars
 * ('hide past div') measures every tick label again after placing each one — n² bounding boxes,
 * each a forced layout of the page — which was most of a chart's draw (e.g. 40–80 ms of a 126k-row
 * scatter's, main thread). With automargin the labels fit in the figure, so nothing overflows.
 */
export const TICK_LABEL_OVERFLOW = 'allow';

export function axis(text: string, extra: Axis = {}): Axis {
  return { title: { text }, automargin: true, ticklabeloverflow: TICK_LABEL_OVERFLOW, ...extra };
}

export const BASE_LAYOUT: Layout = {
  margin: { l: 60, r: 20, t: 50, b: 50 },
  hovermode: 'closest',
  autosize: true,
};

/** A number for JSON: NaN and ±Infinity become null (Plotly draws a gap). */
export function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
