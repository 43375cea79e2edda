import { describe, expect, test } from 'vitest';
import { parseCsvText } from './parse';
import { detectLabel } from './label';
import { LoadError } from './errors';

async function table(text: string) {
  const p = await parseCsvText(text);
  return { table: p.table, schema: p.schema };
}

describe('detectLabel', () => {
  test('a numeric 0/1 column named label: normal value 0', async () => {
    const { table: t, schema } = await table('x,label\n1.5,0\n2.5,1\n3.5,0\n4.5,\n');
    const l = detectLabel(t, schema);
    expect(l).toMatchObject({ column: 'label', columnChosenBy: 'name', normalValue: '0', normalChosenBy: 'content', normals: 2, anomalies: 1, missing: 1 });
    expect(Array.from(l.isAnomaly ?? [])).toEqual([0, 1, 0, 0]);
    expect(l.issues.map((i) => i.message).join(' ')).toMatch(/1 row has no value in the label column/);
  });

  test('names are matched trimmed and case-insensitively; BENIGN / Benign / normal. by content', async () => {
    for (const [header, value] of [
      ['Label', 'BENIGN'],
      ['CLASS', 'Benign'],
      ['attack_type', 'normal.'],
      ['Outcome', ' Normal '],
    ]) {
      const { table: t, schema } = await table(`a,${header}\n1,${value}\n2,evil\n3,${value}\n`);
      const l = detectLabel(t, schema);
      expect(l.column).toBe(header);
      expect(l.normalValue).toBe(value);
      expect(l.anomalies).toBe(1);
    }
  });

  test('prefers a name match whose values include a normal one', async () => {
    const { table: t, schema } = await table('label,category\nx1,normal\nx2,dos\nx3,normal\n');
    const l = detectLabel(t, schema);
    expect(l.column).toBe('category');
    expect(l.normalValue).toBe('normal');
  });

  test('no normal value found: column kept, no isAnomaly, an explanation', async () => {
    const { table: t, schema } = await table('a,attack\n1,dos\n2,probe\n');
    const l = detectLabel(t, schema);
    expect(l).toMatchObject({ column: 'attack', normalValue: null, normalChosenBy: 'none', isAnomaly: null, anomalies: 0, normals: 0 });
    expect(l.issues[0].message).toMatch(/looks normal/);
  });

  test('no label column: column null, chosen by none', async () => {
    const { table: t, schema } = await table('a,b\n1,x\n2,y\n3,x\n');
    const l = detectLabel(t, schema);
    expect(l).toMatchObject({ column: null, normalValue: null, columnChosenBy: 'none', normalChosenBy: 'none', isAnomaly: null, classes: [] });
    expect(l.candidates).toEqual(['b']);
  });

  test('user overrides: no label, another column, another normal value', async () => {
    const { table: t, schema } = await table('proto,attack\ntcp,normal\nudp,neptune\ntcp,neptune\nicmp,smurf\n');
    expect(detectLabel(t, schema, { column: null })).toMatchObject({ column: null, columnChosenBy: 'user', isAnomaly: null });
    const byProto = detectLabel(t, schema, { column: 'proto', normalValue: 'tcp' });
    expect(byProto).toMatchObject({ column: 'proto', columnChosenBy: 'user', normalValue: 'tcp', normalChosenBy: 'user', normals: 2, anomalies: 2 });
    const neptune = detectLabel(t, schema, { column: 'attack', normalValue: 'NEPTUNE' });
    expect(neptune).toMatchObject({ normalValue: 'neptune', normals: 2, anomalies: 2 });
    const detectNormal = detectLabel(t, schema, { column: 'attack', normalValue: null });
    expect(detectNormal).toMatchObject({ normalValue: 'normal', normalChosenBy: 'content', anomalies: 3 });
    expect(() => detectLabel(t, schema, { column: 'nope' })).toThrow(LoadError);
    try {
      detectLabel(t, schema, { column: 'attack', normalValue: 'benign' });
      expect.unreachable();
    } catch (e) {
      expect((e as LoadError).code).toBe('unknown-value');
    }
  });

  test('numeric override of the normal value', async () => {
    const { table: t, schema } = await table('v,label\n1,0\n2,1\n3,1\n');
    expect(detectLabel(t, schema, { column: 'label', normalValue: '1' })).toMatchObject({ normalValue: '1', normals: 2, anomalies: 1 });
    expect(() => detectLabel(t, schema, { column: 'label', normalValue: '7' })).toThrow(/has no value '7'/);
  });

  test('__proto__ and constructor as class values count correctly', async () => {
    const { table: t, schema } = await table('x,label\n1,__proto__\n2,constructor\n3,normal\n4,__proto__\n');
    const l = detectLabel(t, schema);
    expect(l.classes).toEqual([
      { value: '__proto__', count: 2, normal: false },
      { value: 'constructor', count: 1, normal: false },
      { value: 'normal', count: 1, normal: true },
    ]);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
