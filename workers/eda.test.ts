/** The EDA handlers: parameter checks at the thread boundary, caching per dataset version. */
import { describe, expect, it } from 'vitest';
import type { DataFrame } from 'danfojs';
import { parseCsvText } from '../src/lib/table/parse';
import { detectLabel } from '../src/lib/table/label';
import { setDataset } from './dataset';
import { edaHandlers } from './eda';
import type { HandlerContext } from './serve';

const ctx: HandlerContext<never> = { progress: () => {}, transfer: () => {} };
const NONE = { selections: [] };

async function load(csv: string): Promise<void> {
  const parsed = await parseCsvText(csv);
  setDataset({
    fileName: 'x.csv',
    bytes: csv.length,
    parsed,
    label: detectLabel(parsed.table, parsed.schema),
    frame: null as unknown as DataFrame, // the EDA never reads the dataset's frame
    frameInfo: { rows: 0, cols: 0, buildMs: 0, renamed: [] },
    parseMs: 0,
    totalMs: 0,
  });
}

describe('edaHandlers', () => {
  it('answer for the current dataset, with the statistics as a danfojs frame', async () => {
    await load('proto,bytes,label\ntcp,1,normal\nudp,2,attack\ntcp,3,normal\n');
    const stats = await edaHandlers['eda.stats']({ filter: NONE, group: 'all' }, ctx);
    expect(stats.frame).toEqual({ rows: 3, cols: 14, columns: expect.arrayContaining(['count', 'mean', 'top']) });
    expect(stats.stats.find((r) => r.column === 'bytes')?.mean).toBe(2);
    const f = await edaHandlers['eda.filter']({ filter: { selections: [{ column: 'proto', values: ['tcp'] }] } }, ctx);
    expect(f.rows).toBe(2);
    // a new dataset (version) gets a new engine
    await load('proto,bytes,label\nicmp,10,normal\n');
    const again = await edaHandlers['eda.stats']({ filter: NONE, group: 'all' }, ctx);
    expect(again.rows).toBe(1);
    expect(again.stats.find((r) => r.column === 'bytes')?.mean).toBe(10);
  });

  it('drop a queued request that a newer one for the same method supersedes', async () => {
    await load('proto,bytes,label\ntcp,1,normal\nudp,2,attack\ntcp,3,normal\n');
    const tcp = { selections: [{ column: 'proto', values: ['tcp'] }] };
    const udp = { selections: [{ column: 'proto', values: ['udp'] }] };
    // three clicks before the worker gets to them: only the last overview is computed
    const first = edaHandlers['eda.overview']({ filter: tcp, generation: 1 }, ctx);
    const second = edaHandlers['eda.overview']({ filter: udp, generation: 2 }, ctx);
    const classes = edaHandlers['eda.classes']({ filter: tcp, generation: 1 }, ctx);
    const third = edaHandlers['eda.overview']({ filter: NONE, generation: 3 }, ctx);
    await expect(first).rejects.toMatchObject({ code: 'superseded' });
    await expect(second).rejects.toMatchObject({ code: 'superseded' });
    expect((await classes).rows).toBe(2); // another method: not superseded
    expect((await third).rows).toBe(3);
    // without a generation nothing is dropped
    const a = edaHandlers['eda.overview']({ filter: tcp }, ctx);
    const b = edaHandlers['eda.overview']({ filter: udp }, ctx);
    expect([(await a).rows, (await b).rows]).toEqual([2, 1]);
  });

  it('reject malformed parameters with a user error', async () => {
    await load('proto,bytes,label\ntcp,1,normal\nudp,2,attack\n');
    const bad = (p: unknown) => p as never;
    expect(() => edaHandlers['eda.overview'](bad({ filter: { selections: 'x' } }), ctx)).toThrow(/Malformed EDA filter/);
    expect(() => edaHandlers['eda.stats'](bad({ filter: NONE, group: 'evil' }), ctx)).toThrow(/group must be one of/);
    expect(() => edaHandlers['eda.correlation'](bad({ filter: NONE, method: 'kendall' }), ctx)).toThrow(/method/);
    expect(() => edaHandlers['eda.outliers'](bad({ filter: NONE }), ctx)).toThrow(/maxPoints/);
    expect(() => edaHandlers['eda.traffic'](bad({ filter: NONE, windowSize: -1 }), ctx)).toThrow(/windowSize/);
    expect(() => edaHandlers['eda.distribution'](bad({ filter: NONE, numeric: 3, categorical: null, log: null }), ctx)).toThrow(/column name/);
    expect(() => edaHandlers['eda.classes'](bad({ filter: NONE, generation: 'x' }), ctx)).toThrow(/generation/);
    const o = await edaHandlers['eda.outliers']({ filter: NONE, maxPoints: 1e9 }, ctx);
    expect(o.scatter).toBeNull(); // a single numeric column: no pair to plot
  });
});
