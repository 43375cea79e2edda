/**
 * A Svelte action over `renderPlot` for the EDA charts: a new figure is drawn only once the
 * chart is near the viewport. A filter change updates every EDA chart, and a Plotly draw costs
 * 50–350 ms of main thread each (measured, 126k rows, this machine): redrawing the ~20 charts
 * of a scrolled-through notebook would keep the page busy for seconds, when only the two or
 * three on screen matter. A chart far from the viewport keeps its old picture, is marked
 * `data-plot-state="loading"` (it is not showing the latest figure) and draws when scrolled near.
 */
import { renderPlot, type PlotHandle } from '../../lib/charts/render';
import type { Figure } from '../../lib/charts/types';

/** Same margin as renderPlot's first draw: about a screen above and below. */
const NEAR = '600px 0px';

export function plotWhenNear(node: HTMLElement, fig: Figure): { update(fig: Figure): void; destroy(): void } {
  const handle: PlotHandle = renderPlot(node, fig);
  let latest = fig;
  let shown = fig;
  // Without IntersectionObserver every update is drawn (as renderPlot alone does).
  let near = typeof IntersectionObserver === 'undefined';
  const show = (): void => {
    if (shown === latest) return;
    shown = latest;
    handle.update(latest);
  };
  const io =
    typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver(
          (entries) => {
            near = entries[entries.length - 1].isIntersecting;
            if (near) show();
          },
          { rootMargin: NEAR },
        );
  io?.observe(node);
  // A draw of an older figure that was under way when the newer one was held back ends with
  // renderPlot marking the chart ready: it is not, until the held-back figure is drawn.
  const mo =
    typeof MutationObserver === 'undefined'
      ? null
      : new MutationObserver(() => {
          if (shown !== latest && node.getAttribute('data-plot-state') === 'ready') node.setAttribute('data-plot-state', 'loading');
        });
  mo?.observe(node, { attributes: true, attributeFilter: ['data-plot-state'] });
  return {
    update(next: Figure): void {
      latest = next;
      if (near) show();
      // `ready` must mean the latest figure is on screen (renderPlot's contract)
      else node.setAttribute('data-plot-state', 'loading');
    },
    destroy(): void {
      io?.disconnect();
      mo?.disconnect();
      handle.destroy();
    },
  };
}
