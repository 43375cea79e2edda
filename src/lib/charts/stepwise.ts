/**
 * Runs the evaluation of plotly.js-dist as many short main-thread tasks. The build rewrites the
 * bundle (scripts/plotly-stepwise.ts) into an ES module exporting `steps` — its ~1,100 lazy
 * module wrappers in dependency order — and `finish()`, which runs the bundle's entry and
 * returns Plotly. Evaluated as shipped, the entry runs every module body in one task of ~1 s.
 */

/** The rewritten bundle's exports. */
export interface StagedModule {
  steps: readonly (() => unknown)[];
  finish: () => unknown;
}

export const isStaged = (mod: unknown): mod is StagedModule => {
  const m = mod as Partial<Record<keyof StagedModule, unknown>> | null;
  return typeof m === 'object' && m !== null && Array.isArray(m.steps) && typeof m.finish === 'function';
};

interface Scheduler {
  yield?: () => Promise<void>;
}

/**
 * Gives the browser a turn (input, paint, other tasks). `scheduler.yield()` resumes ahead of
 * other queued work; without it a MessageChannel message, since `setTimeout(0)` is clamped to
 * 4 ms once nested, which over ~100 batches would add ~0.4 s.
 */
export function yieldFast(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export interface StepOptions {
  /** A batch stops once it has run this long (one module body can still take longer). */
  budgetMs?: number;
  yieldToMain?: () => Promise<void>;
  now?: () => number;
}

/**
 * Calls the steps a batch at a time, yielding between batches, then `finish()`. A step that
 * throws is passed over: its module is not cached, so the entry runs it again in `finish()` and
 * the error surfaces there, exactly as with the plain bundle.
 */
export async function runStaged(mod: StagedModule, { budgetMs = 8, yieldToMain = yieldFast, now = () => performance.now() }: StepOptions = {}): Promise<unknown> {
  const { steps } = mod;
  let i = 0;
  while (i < steps.length) {
    await yieldToMain();
    const batchStart = now();
    do {
      try {
        steps[i]();
      } catch {
        // reported by finish()
      }
      i++;
    } while (i < steps.length && now() - batchStart < budgetMs);
  }
  await yieldToMain();
  return mod.finish();
}
