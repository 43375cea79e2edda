/** renderPlot without a browser: a fake Plotly and a minimal element stand-in. */
import { describe, expect, it } from 'vitest';
import { PLOT_CONFIG, renderPlot, type PlotlyLike } from './render';
import type { Figure } from './types';

class FakeNode {
  readonly attrs = new Map<string, string>();
  textContent = '';
  setAttribute(name: string, value: string): void {
    this.attrs.set(name, value);
  }
}

interface Call {
  op: 'react' | 'purge';
  title?: string;
  config?: unknown;
}

function fakePlotly(calls: Call[]): PlotlyLike {
  return {
    async react(_node, _data, layout, config) {
      calls.push({ op: 'react', title: (layout as { title?: { text: string } }).title?.text, config });
    },
    purge() {
      calls.push({ op: 'purge' });
    },
  };
}

const fig = (text: string): Figure => ({ data: [], layout: { title: { text } } });
// Draws are queued one per task (see render.ts), so let a few tasks run.
const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('renderPlot', () => {
  it('loads lazily, draws with responsive config, redraws on update and purges on destroy', async () => {
    const calls: Call[] = [];
    const node = new FakeNode();
    const handle = renderPlot(node as unknown as HTMLElement, fig('a'), async () => fakePlotly(calls));
    expect(node.attrs.get('data-plot-state')).toBe('loading');
    await flush();
    expect(calls).toEqual([{ op: 'react', title: 'a', config: PLOT_CONFIG }]);
    expect(PLOT_CONFIG).toMatchObject({ responsive: true, displaylogo: false });
    expect(node.attrs.get('data-plot-state')).toBe('ready');
    handle.update(fig('b'));
    await flush();
    expect(calls.map((c) => c.title ?? c.op)).toEqual(['a', 'b']);
    handle.destroy();
    expect(calls.at(-1)?.op).toBe('purge');
    handle.update(fig('c'));
    await flush();
    expect(calls).toHaveLength(3);
  });

  it('passes Plotly a copy, so the caller’s figure is never mutated', async () => {
    const original = fig('a');
    const lib: PlotlyLike = {
      react(_n, _d, layout) {
        (layout as { title: { text: string } }).title.text = 'mutated';
      },
      purge() {},
    };
    renderPlot(new FakeNode() as unknown as HTMLElement, original, async () => lib);
    await flush();
    expect(original.layout.title?.text).toBe('a');
  });

  it('coalesces updates made while Plotly loads into one draw of the latest figure', async () => {
    const calls: Call[] = [];
    const gate = deferred<PlotlyLike>();
    const handle = renderPlot(new FakeNode() as unknown as HTMLElement, fig('a'), () => gate.promise);
    handle.update(fig('b'));
    handle.update(fig('c'));
    gate.resolve(fakePlotly(calls));
    await flush();
    expect(calls.map((c) => c.title)).toEqual(['c']);
  });

  it('destroyed before Plotly arrives: never draws, nothing to purge', async () => {
    const calls: Call[] = [];
    const gate = deferred<PlotlyLike>();
    const handle = renderPlot(new FakeNode() as unknown as HTMLElement, fig('a'), () => gate.promise);
    handle.destroy();
    gate.resolve(fakePlotly(calls));
    await flush();
    expect(calls).toEqual([]);
  });

  it('destroyed during a draw: purges once the draw settles', async () => {
    const calls: Call[] = [];
    const drawing = deferred<void>();
    const lib: PlotlyLike = {
      react() {
        calls.push({ op: 'react' });
        return drawing.promise;
      },
      purge() {
        calls.push({ op: 'purge' });
      },
    };
    const handle = renderPlot(new FakeNode() as unknown as HTMLElement, fig('a'), async () => lib);
    await flush();
    handle.destroy();
    expect(calls.map((c) => c.op)).toEqual(['react']);
    drawing.resolve();
    await flush();
    expect(calls.map((c) => c.op)).toEqual(['react', 'purge']);
  });

  it('a failed load shows the message as text and marks the element', async () => {
    const node = new FakeNode();
    renderPlot(node as unknown as HTMLElement, fig('a'), () => Promise.reject(new Error('<b>offline</b>')));
    await flush();
    expect(node.attrs.get('data-plot-state')).toBe('error');
    expect(node.textContent).toBe('Chart could not be drawn: <b>offline</b>');
  });

  it('splits each Plotly draw in two tasks through setBackground and plotly_beforeplot', async () => {
    // A graph div as Plotly leaves it: an event emitter and its main SVG.
    const handlers = new Map<string, (() => void)[]>();
    const svg = { style: new Map<string, string>() };
    const gd = {
      _ev: {},
      _promises: undefined as Promise<unknown>[] | undefined,
      on(event: string, handler: () => void) {
        handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      },
      querySelector: (sel: string) => (sel === 'svg.main-svg' ? { style: { setProperty: (k: string, v: string) => svg.style.set(k, v) } } : null),
    };
    const { setBackground } = PLOT_CONFIG;
    setBackground(gd as unknown as HTMLElement, '#fff');
    setBackground(gd as unknown as HTMLElement, '#fff');
    expect(svg.style.get('background')).toBe('#fff');
    // hooked once per emitter, however often Plotly paints the background
    expect(handlers.get('plotly_beforeplot')).toHaveLength(1);
    handlers.get('plotly_beforeplot')?.[0]();
    expect(gd._promises).toHaveLength(1);
    let settled = false;
    void gd._promises?.[0].then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false); // not a microtask: the rest of the draw runs in a later task
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toBe(true);
    // after a purge Plotly gives the element a new emitter, which is hooked again
    gd._ev = {};
    setBackground(gd as unknown as HTMLElement, '#fff');
    expect(handlers.get('plotly_beforeplot')).toHaveLength(2);
  });
});
