import { afterEach, describe, expect, test, vi } from 'vitest';
import { warmUpCsv, warmUpLoad } from './warm-up';
import { parseCsvText } from '../src/lib/table/parse';
import { ColumnBuilder } from '../src/lib/table/infer';
import { detectLabel } from '../src/lib/table/label';
import { requireDataset } from './dataset';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the warm-up load', () => {
  test('its generated file is NSL-KDD-shaped and goes through both parsing paths', async () => {
    const plain = vi.spyOn(ColumnBuilder, 'addPlain');
    const batch = vi.spyOn(ColumnBuilder, 'addBatch');
    const p = await parseCsvText(warmUpCsv());
    expect(p.schema).toBe('nsl-kdd-kaggle');
    expect(p.hasHeader).toBe(true);
    expect(p.table.nRows).toBe(3000);
    expect(p.table.columns.filter((c) => c.kind === 'categorical').map((c) => c.name)).toEqual(['protocol_type', 'service', 'flag', 'attack']);
    expect(plain.mock.results.some((r) => r.type === 'return' && (r.value as number) > 0)).toBe(true);
    expect(batch).toHaveBeenCalled();
    const label = detectLabel(p.table, p.schema);
    expect(label.column).toBe('attack');
    expect(label.normalValue).toBe('normal');
    expect(warmUpCsv()).toBe(warmUpCsv()); // deterministic
  });

  test('leaves no dataset behind', async () => {
    await warmUpLoad();
    expect(() => requireDataset()).toThrow(/No dataset is loaded yet/);
  });
});
