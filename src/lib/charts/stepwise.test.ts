/** The loader side of the stepwise Plotly evaluation: batches bounded by time, yields between. */
import { describe, expect, it } from 'vitest';
import { isStaged, runStaged, yieldFast } from './stepwise';

describe('runStaged', () => {
  it('runs steps in order, in batches bounded by the budget, yielding between them, then finish()', async () => {
    let clock = 0;
    const events: string[] = [];
    const steps = Array.from({ length: 7 }, (_, i) => () => {
      events.push(`s${i}`);
      clock += 3; // each step "takes" 3 ms
    });
    const result = await runStaged(
      { steps, finish: () => (events.push('finish'), 'lib') },
      { budgetMs: 8, now: () => clock, yieldToMain: async () => void events.push('yield') },
    );
    expect(result).toBe('lib');
    // a batch stops once 8 ms have passed: three 3-ms steps at most
    expect(events).toEqual(['yield', 's0', 's1', 's2', 'yield', 's3', 's4', 's5', 'yield', 's6', 'yield', 'finish']);
  });

  it('passes over a step that throws; finish() reports the failure', async () => {
    const ran: number[] = [];
    const steps = [() => ran.push(0), () => { throw new Error('module failed'); }, () => ran.push(2)];
    await expect(
      runStaged({ steps, finish: () => { throw new Error('module failed'); } }, { yieldToMain: async () => {} }),
    ).rejects.toThrow('module failed');
    expect(ran).toEqual([0, 2]);
  });

  it('recognises the rewritten module and not the plain bundle', () => {
    expect(isStaged({ steps: [], finish: () => null })).toBe(true);
    expect(isStaged({ default: { react() {} } })).toBe(false);
    expect(isStaged(null)).toBe(false);
  });

  it('yields without scheduler.yield (MessageChannel)', async () => {
    await expect(yieldFast()).resolves.toBeUndefined();
  });
});
