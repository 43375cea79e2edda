/**
 * A long table put on screen a few rows per frame. Building and laying out ~40 rows × 10–12
 * cells in one go (the EDA's describe table, the hypotheses' ranked table) was one 25–30 ms
 * rendering task on the 2-core machine, 100+ ms of wall time while the data worker holds the
 * other core. Rows already on screen are updated in place when the list changes (keyed rows keep
 * their elements, so a filter change is cheap); only rows beyond them are added frame by frame.
 * Same idea as DataTable's pages, which are all-new rows and so start again from the top.
 */
import { untrack } from 'svelte';

/** Rows added per animation frame. */
export const ROWS_PER_FRAME = 10;

export class Reveal<T> {
  #shown = $state(0);
  readonly #items: () => readonly T[];

  /** Call during component initialisation (it sets up an effect). */
  constructor(items: () => readonly T[], perFrame = ROWS_PER_FRAME) {
    this.#items = items;
    $effect.pre(() => {
      const n = items().length;
      this.#shown = Math.min(n, Math.max(perFrame, untrack(() => this.#shown)));
      let frame = 0;
      const more = (): void => {
        this.#shown = Math.min(n, this.#shown + perFrame);
        if (this.#shown < n) frame = requestAnimationFrame(more);
      };
      if (this.#shown < n) frame = requestAnimationFrame(more);
      return () => cancelAnimationFrame(frame);
    });
  }

  /** The rows to render now. */
  get visible(): readonly T[] {
    const xs = this.#items();
    return xs.length > this.#shown ? xs.slice(0, this.#shown) : xs;
  }
}
