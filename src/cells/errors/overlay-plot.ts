/**
 * A Svelte action over `renderPlot` for charts with a threshold: the figure (points, bars) is
 * drawn by `renderPlot` when it changes, while the overlay (threshold line, operating point)
 * is applied with `Plotly.relayout` — a shapes-only redraw — at most once per animation frame,
 * however fast the slider moves. Clicks on points are passed on (`plotly_click`).
 *
 * `renderPlot` marks the element `data-plot-state="ready"` after every draw; a draw may carry an
 * overlay older than the current one (it was submitted earlier), so each "ready" re-applies the
 * latest overlay when it differs.
 */
import { loadPlotly, renderPlot, type PlotlyLike } from '../../lib/charts/render';
import type { Figure } from '../../lib/charts/types';
import type { Overlay, OverlayFigure } from './figures';

export interface ClickedPoint {
  readonly x: number;
  readonly y: number;
  readonly customdata: unknown;
  readonly curveNumber: number;
  readonly pointNumber: number;
}

export interface OverlayPlotParams {
  readonly figure: OverlayFigure;
  readonly overlay: Overlay;
  readonly onClick?: (point: ClickedPoint) => void;
}

interface PlotlyWithRelayout extends PlotlyLike {
  relayout(node: HTMLElement, update: Record<string, unknown>): Promise<unknown>;
}

/** What Plotly adds to a graph div once it has drawn (its event emitter). */
interface PlotlyGraphDiv extends HTMLElement {
  on?: (event: string, handler: (e: unknown) => void) => void;
  removeListener?: (event: string, handler: (e: unknown) => void) => void;
}

export function withOverlay(figure: OverlayFigure, overlay: Overlay): Figure {
  return { data: figure.data, layout: { ...figure.layout, shapes: overlay.shapes } } as Figure;
}

function toClickedPoint(event: unknown): ClickedPoint | null {
  const points = (event as { points?: unknown[] } | null)?.points;
  const p = Array.isArray(points) ? (points[0] as Record<string, unknown> | undefined) : undefined;
  if (!p) return null;
  const x = Number(p.x);
  const y = Number(p.y);
  if (!Number.isFinite(x)) return null;
  return { x, y, customdata: p.customdata, curveNumber: Number(p.curveNumber), pointNumber: Number(p.pointNumber) };
}

export function overlayPlot(node: HTMLElement, params: OverlayPlotParams) {
  let current = params;
  /** The overlay inside the figure last handed to renderPlot. */
  let submitted = params.overlay;
  /** The overlay the chart shows now (after the last draw or relayout). */
  let shown: Overlay | null = null;
  let frame = 0;
  let destroyed = false;
  const gd = node as PlotlyGraphDiv;

  const handle = renderPlot(node, withOverlay(params.figure, params.overlay));

  const onPlotlyClick = (e: unknown): void => {
    const point = toClickedPoint(e);
    if (point) current.onClick?.(point);
  };

  const isReady = (): boolean => node.getAttribute('data-plot-state') === 'ready';

  const applyOverlay = async (): Promise<void> => {
    frame = 0;
    if (destroyed || !isReady()) return; // the next "ready" applies it
    const overlay = current.overlay;
    if (overlay === shown) return;
    shown = overlay;
    try {
      const plotly = (await loadPlotly()) as PlotlyWithRelayout;
      if (!destroyed) await plotly.relayout(node, { shapes: overlay.shapes });
    } catch {
      shown = null; // a failed relayout is retried with the next change
    }
  };

  const schedule = (): void => {
    if (frame !== 0 || destroyed) return;
    frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => void applyOverlay()) : (setTimeout(() => void applyOverlay(), 16) as unknown as number);
  };

  // Every draw ends with data-plot-state = ready: (re)attach the click handler (a new plot
  // purges listeners) and bring the overlay up to date.
  const observer = new MutationObserver(() => {
    if (!isReady()) return;
    shown = submitted;
    if (gd.on && gd.removeListener) {
      gd.removeListener('plotly_click', onPlotlyClick);
      gd.on('plotly_click', onPlotlyClick);
    }
    if (current.overlay !== submitted) schedule();
  });
  observer.observe(node, { attributes: true, attributeFilter: ['data-plot-state'] });

  return {
    update(next: OverlayPlotParams): void {
      const figureChanged = next.figure !== current.figure;
      current = next;
      if (figureChanged) {
        submitted = next.overlay;
        handle.update(withOverlay(next.figure, next.overlay));
      } else if (next.overlay !== shown) {
        schedule();
      }
    },
    destroy(): void {
      destroyed = true;
      if (frame !== 0 && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
      observer.disconnect();
      gd.removeListener?.('plotly_click', onPlotlyClick);
      handle.destroy();
    },
  };
}
