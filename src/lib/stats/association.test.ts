import { describe, expect, it } from 'vitest';
import { cramersV } from './association';
import { crossTab } from './counts';

describe("cramersV", () => {
  it('is 0 for independence and 1 for a perfect association', () => {
    expect(cramersV([[10, 20], [20, 40]])).toBe(0);
    expect(cramersV([[12, 0, 0], [0, 5, 0], [0, 0, 9]])).toBeCloseTo(1, 14);
  });

  it('uses Pearson χ² without Yates correction (SciPy association default)', () => {
    // chi2 = 0.7936507936507936 for [[10,20],[30,40]]; V = sqrt(chi2 / 100)
    expect(cramersV([[10, 20], [30, 40]])).toBeCloseTo(Math.sqrt(0.7936507936507936 / 100), 14);
  });

  it('accepts a dense Contingency and drops empty rows/columns', () => {
    const t = crossTab(Int32Array.of(0, 0, 2, 2), 3, Uint8Array.of(0, 0, 1, 1), 2);
    expect(cramersV(t)).toBeCloseTo(1, 14);
  });

  it('degenerate tables give NaN', () => {
    expect(cramersV([])).toBeNaN();
    expect(cramersV([[0, 0], [0, 0]])).toBeNaN();
    expect(cramersV([[5, 6]])).toBeNaN();
    expect(cramersV([[5, 0], [6, 0]])).toBeNaN();
  });
});
