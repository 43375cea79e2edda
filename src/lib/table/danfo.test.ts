import { describe, expect, test } from 'vitest';
import { buildDanfoFrame, collidesWithDanfo, danfoColumnNames, frameSkipReason, MAX_FRAME_CELLS } from './danfo';
import { parseCsvText } from './parse';

describe('buildDanfoFrame', () => {
  test('shape, dtypes and values from the typed columns', async () => {
    const { table } = await parseCsvText('n,proto,x\n1,tcp,0.5\n2,,NaN\n3,udp,\n');
    const { frame, renamed, buildMs } = buildDanfoFrame(table);
    expect(frame.shape).toEqual([3, 3]);
    expect(frame.columns).toEqual(['n', 'proto', 'x']);
    expect(frame.dtypes).toEqual(['float32', 'string', 'float32']);
    expect(renamed).toEqual([]);
    expect(buildMs).toBeGreaterThanOrEqual(0);
    expect(frame.values).toEqual([
      [1, 'tcp', 0.5],
      [2, null, NaN],
      [3, 'udp', NaN],
    ]);
    expect(frame.column('proto').values).toEqual(['tcp', null, 'udp']);
    // danfo sees the missing cells as missing.
    expect(frame.isNa().values).toEqual([
      [false, false, false],
      [false, true, true],
      [false, false, true],
    ]);
  });

  test('names colliding with DataFrame members are renamed for the frame and reported', async () => {
    const src = '__proto__,constructor,shape,columns,$data,toString,index,values,dtypes,ok,shape_\n__proto__,1,2,3,4,x,5,6,7,8,9\nconstructor,1,2,3,4,y,5,6,7,8,9\n';
    const { table } = await parseCsvText(src);
    const { frame, renamed } = buildDanfoFrame(table);
    expect(renamed).toEqual([
      { from: '__proto__', to: '__proto___' },
      { from: 'constructor', to: 'constructor_' },
      { from: 'shape', to: 'shape__' }, // shape_ is taken by a real column
      { from: 'columns', to: 'columns_' },
      { from: '$data', to: 'col_$data' },
      { from: 'toString', to: 'toString_' },
      { from: 'index', to: 'index_' },
      { from: 'values', to: 'values_' },
      { from: 'dtypes', to: 'dtypes_' },
    ]);
    expect(frame.columns).toEqual(['__proto___', 'constructor_', 'shape__', 'columns_', 'col_$data', 'toString_', 'index_', 'values_', 'dtypes_', 'ok', 'shape_']);
    // The frame still works, and the renamed columns are reachable.
    expect(frame.shape).toEqual([2, 11]);
    expect(frame.column('__proto___').values).toEqual(['__proto__', 'constructor']);
    expect(frame.column('shape__').values).toEqual([2, 2]);
    expect(frame.column('shape_').values).toEqual([9, 9]);
    expect(Object.getPrototypeOf(frame)).not.toBe(Object.prototype);
    expect(typeof frame.toString).toBe('function');
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  test('collision rules', () => {
    for (const n of ['shape', 'columns', 'values', 'index', 'dtypes', 'ctypes', 'size', 'ndim', 'axis', 'config', '$x', '__proto__', 'constructor', 'hasOwnProperty', 'head', 'loc']) {
      expect(collidesWithDanfo(n), n).toBe(true);
    }
    for (const n of ['src_bytes', 'attack', 'label', 'Flow Bytes/s', '0']) expect(collidesWithDanfo(n), n).toBe(false);
    expect(danfoColumnNames(['a', 'size', 'size_']).names).toEqual(['a', 'size__', 'size_']);
  });
});

test('frames are built up to MAX_FRAME_CELLS and skipped, with a reason, above', () => {
  expect(frameSkipReason(125_973, 43)).toBeNull();
  expect(MAX_FRAME_CELLS).toBeGreaterThanOrEqual(125_973 * 43);
  expect(frameSkipReason(MAX_FRAME_CELLS, 1)).toBeNull();
  const r = frameSkipReason(3_900_000, 43);
  expect(r).toMatch(/^not built: 168 million cells is over the 16\.0 million/);
  expect(r).toContain('typed columns');
});
