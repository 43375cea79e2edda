import { describe, expect, it } from 'vitest';
import type { EdaStatRow } from '../../../workers/protocol-eda';
import { rawStat, showStat, STAT_COLUMNS } from './stats-table';
import { describeSelections, selectionKey, valuesOf, withSelection } from './filters';

const numeric: EdaStatRow = {
  column: 'src_bytes',
  kind: 'numeric',
  count: 22544,
  missing: 0,
  mean: 10395.450230660043,
  std: 472786.4310880747,
  min: 0,
  p25: 0,
  median: 54,
  p75: 287,
  max: 62825648,
  skew: 120.5,
  kurtosis: NaN,
  zerosPct: 33.8,
  distinct: 1149,
  top: null,
  topCount: NaN,
};

describe('statistics table cells', () => {
  it('has the DESIGN §7 stats and the extra ones', () => {
    expect(STAT_COLUMNS.map((c) => c.key)).toEqual(['count', 'missing', 'mean', 'std', 'min', 'p25', 'median', 'p75', 'max', 'skew', 'kurtosis', 'zerosPct', 'distinct', 'top']);
  });

  it('raw values round-trip exactly', () => {
    expect(Number(rawStat(numeric, 'mean'))).toBe(numeric.mean);
    expect(rawStat(numeric, 'kurtosis')).toBe('NaN');
    expect(rawStat(numeric, 'top')).toBe('');
    const cat: EdaStatRow = { ...numeric, kind: 'categorical', top: '__proto__', topCount: 3 };
    expect(rawStat(cat, 'top')).toBe('__proto__');
    expect(showStat(cat, 'top')).toBe('__proto__ (3)');
  });

  it('formats for display', () => {
    expect(showStat(numeric, 'count')).toBe('22,544');
    expect(showStat(numeric, 'kurtosis')).toBe('—');
    expect(showStat(numeric, 'zerosPct')).toBe('33.8%');
    expect(showStat(numeric, 'top')).toBe('—');
  });
});

describe('filter selections', () => {
  it('sets, replaces and removes a column selection', () => {
    let s = withSelection([], 'protocol_type', ['icmp']);
    s = withSelection(s, 'flag', ['SF', 'REJ']);
    expect(valuesOf(s, 'flag')).toEqual(['SF', 'REJ']);
    s = withSelection(s, 'protocol_type', []);
    expect(s).toEqual([{ column: 'flag', values: ['SF', 'REJ'] }]);
    expect(valuesOf(s, '__proto__')).toEqual([]);
  });

  it('keys are canonical; descriptions are plain text', () => {
    expect(selectionKey([])).toBe('');
    expect(selectionKey([{ column: 'b', values: ['y', 'x'] }, { column: 'a', values: ['z'] }])).toBe(
      selectionKey([{ column: 'a', values: ['z'] }, { column: 'b', values: ['x', 'y'] }]),
    );
    expect(describeSelections([{ column: 'service', values: ['a', 'b', 'c', 'd', 'e', 'f'] }])).toBe('service: a, b, c, d +2');
    expect(describeSelections([])).toBe('no filter');
  });
});
