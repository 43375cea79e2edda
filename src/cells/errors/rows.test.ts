import { describe, expect, it } from 'vitest';
import { toCsv } from '../../lib/ml/csv-export';
import { CSV_PREFIX_COLUMNS, colourGroups, flaggedCsvRows, flaggedRows, scatterSample, topFeatures, topRows } from './rows';
import { syntheticScored } from './testing.svelte';

describe('topRows', () => {
  it('returns the largest errors first, earlier rows winning ties, NaN skipped', () => {
    const mse = Float32Array.of(0.1, 0.5, NaN, 0.5, 0.9, 0.2, 0.05);
    expect(Array.from(topRows(mse, 3))).toEqual([4, 1, 3]);
    expect(Array.from(topRows(mse, 10))).toEqual([4, 1, 3, 5, 0, 6]);
    expect(Array.from(topRows(mse, 0))).toEqual([]);
  });

  it('matches a full sort on random data', () => {
    const s = syntheticScored({ n: 3000 });
    const expected = Array.from(s.mse.keys())
      .sort((a, b) => s.mse[b] - s.mse[a] || a - b)
      .slice(0, 50);
    expect(Array.from(topRows(s.mse, 50))).toEqual(expected);
  });
});

describe('flaggedRows', () => {
  it('keeps rows strictly above the threshold, ascending', () => {
    expect(Array.from(flaggedRows(Float32Array.of(1, 3, 2, 3, NaN), 2))).toEqual([1, 3]);
    expect(flaggedRows(Float32Array.of(1, 2), NaN).length).toBe(0);
  });
});

describe('topFeatures', () => {
  it('orders features by squared error with their share', () => {
    const top = topFeatures(['a', 'b', 'c', 'd'], Float32Array.of(0.1, 0.6, 0.3, NaN), 2);
    expect(top.map((t) => t.feature)).toEqual(['b', 'c']);
    expect(top[0].share).toBeCloseTo(0.6, 6);
    expect(top[1].share).toBeCloseTo(0.3, 6);
  });
});

describe('flagged CSV', () => {
  it('neutralises formula-like text and keeps numbers numbers', () => {
    const rows = flaggedCsvRows(Uint32Array.of(2, 5), Float32Array.of(0, 0, 0.5, 0, 0, 0.25), [
      [-3, '=HYPERLINK("x")', 'normal'],
      [4, '@SUM(A1)', '-neg'],
    ]);
    const csv = toCsv([...CSV_PREFIX_COLUMNS, 'duration', 'service', 'attack'], rows);
    expect(csv).toBe(
      'row,reconstruction_mse,duration,service,attack\r\n' + `2,0.5,-3,"'=HYPERLINK(""x"")",normal\r\n` + "5,0.25,4,'@SUM(A1),'-neg\r\n",
    );
  });
});

describe('colourGroups', () => {
  it('groups NSL-KDD classes by family', () => {
    const s = syntheticScored({ n: 500 });
    const g = colourGroups({ n: 500, isAnomaly: s.isAnomaly, classCodes: s.classCodes, classNames: s.classNames });
    expect(g.by).toBe('family');
    expect(g.names).toEqual(['normal', 'DoS', 'Probe', 'R2L', 'U2R', 'other attack']);
    for (let i = 0; i < 500; i++) {
      const name = s.classNames[s.classCodes![i]];
      const expected = { normal: 0, neptune: 1, satan: 2, guess_passwd: 3, rootkit: 4, mystery: 5 }[name];
      expect(g.group[i]).toBe(expected);
    }
  });

  it('colours few non-KDD classes one by one, many by label, none without a label', () => {
    const isAnomaly = Uint8Array.of(0, 1, 1, 0);
    const few = colourGroups({ n: 4, isAnomaly, classCodes: Int32Array.of(0, 1, 2, -1), classNames: ['BENIGN', 'DDoS', 'Bot'] });
    expect(few.by).toBe('class');
    expect(Array.from(few.group)).toEqual([0, 1, 2, 3]);
    expect(few.names[3]).toBe('missing');
    const names = Array.from({ length: 9 }, (_, i) => `c${i}`);
    const many = colourGroups({ n: 4, isAnomaly, classCodes: Int32Array.of(0, 1, 2, 3), classNames: names });
    expect(many.by).toBe('label');
    expect(Array.from(many.group)).toEqual([0, 1, 1, 0]);
    const none = colourGroups({ n: 4, isAnomaly: null, classCodes: null, classNames: [] });
    expect(none.by).toBe('none');
    expect(none.names).toEqual(['all rows']);
  });
});

describe('scatterSample', () => {
  it('draws every row of a small set, leaving out errors a log axis cannot show', () => {
    const mse = Float32Array.of(0.1, 0, NaN, 0.3);
    const s = scatterSample(mse, new Uint8Array(4));
    expect(Array.from(s.row)).toEqual([0, 3]);
    expect(s.undrawable).toBe(2);
    expect(s.complete).toBe(true);
  });

  it('thins a large set but keeps the top errors and every group envelope', () => {
    const big = syntheticScored({ n: 126_000, seed: 9 });
    const g = colourGroups({ n: 126_000, isAnomaly: big.isAnomaly, classCodes: big.classCodes, classNames: big.classNames });
    const s = scatterSample(big.mse, g.group, { top: 2000, windows: 600, uniform: 4000 });
    expect(s.complete).toBe(false);
    expect(s.row.length).toBeLessThan(2000 + 600 * 2 * 6 + 4000 + 1);
    expect(s.row.length).toBeGreaterThan(6000);
    // Every 32nd row (126,000 / 4,000 rounded up) is in.
    for (let i = 0; i < big.mse.length; i += 32) expect(s.row.includes(i)).toBe(true);
    expect(s.row.length).toBeGreaterThan(2000);
    // The 2,000 largest errors are all in.
    const kept = new Set(s.row);
    for (const r of topRowsOf(big.mse, 2000)) expect(kept.has(r)).toBe(true);
    // The global minimum and maximum of each group are in.
    for (let grp = 0; grp < g.names.length; grp++) {
      let lo = -1;
      let hi = -1;
      for (let i = 0; i < big.mse.length; i++) {
        if (g.group[i] !== grp) continue;
        if (lo < 0 || big.mse[i] < big.mse[lo]) lo = i;
        if (hi < 0 || big.mse[i] > big.mse[hi]) hi = i;
      }
      if (lo >= 0) expect(kept.has(lo) && kept.has(hi)).toBe(true);
    }
    // Ascending rows, values and groups carried along.
    for (let i = 1; i < s.row.length; i++) expect(s.row[i]).toBeGreaterThan(s.row[i - 1]);
    expect(s.mse[10]).toBe(big.mse[s.row[10]]);
    expect(s.group[10]).toBe(g.group[s.row[10]]);
  });
});

function topRowsOf(mse: Float32Array, k: number): number[] {
  return Array.from(mse.keys())
    .sort((a, b) => mse[b] - mse[a])
    .slice(0, k);
}
