import { describe, expect, it } from 'vitest';
import { RECORD_FORMAT, RECORD_VERSIONS, readDataset, readSettings, unwrap, wrap, type SessionSettings } from './records';
import { DEFAULT_FORM } from './fakes.svelte';
import { isAppCache, isAppDatabase, isReservedModelKey } from './names';

const SETTINGS: SessionSettings = {
  alpha: 0.01,
  threshold: { percentile: 97, manualValue: null },
  form: DEFAULT_FORM,
  label: { fileName: 'a.csv', bytes: 10, column: 'protocol_type', normalValue: 'tcp', columnByUser: true, normalByUser: true },
  keepDataset: false,
  persistRequested: true,
  model: { key: '__session__', fileName: 'a.csv', bytes: 10, savedAt: '2026-01-01T00:00:00.000Z' },
};

describe('session records', () => {
  it('wraps data in a versioned envelope and reads it back', () => {
    const env = wrap('settings', SETTINGS, new Date('2026-02-03T04:05:06Z'));
    expect(env).toMatchObject({ format: RECORD_FORMAT, kind: 'settings', version: RECORD_VERSIONS.settings, savedAt: '2026-02-03T04:05:06.000Z' });
    const d = unwrap(structuredClone(env), 'settings', readSettings);
    expect(d).toEqual({ ok: true, value: SETTINGS, savedAt: '2026-02-03T04:05:06.000Z' });
  });

  it('ignores records of another version, kind or format, with a reason', () => {
    const env = wrap('settings', SETTINGS);
    const newer = unwrap({ ...env, version: RECORD_VERSIONS.settings + 1 }, 'settings', readSettings);
    expect(newer).toMatchObject({ ok: false, reason: expect.stringMatching(/newer version/) });
    const older = unwrap({ ...env, version: RECORD_VERSIONS.settings - 1 }, 'settings', readSettings);
    expect(older).toMatchObject({ ok: false, reason: expect.stringMatching(/older version/) });
    expect(unwrap({ ...env, version: '1' }, 'settings', readSettings)).toMatchObject({ ok: false, reason: expect.stringMatching(/no valid version/) });
    expect(unwrap(env, 'dataset', readDataset)).toMatchObject({ ok: false, reason: expect.stringMatching(/not in this app's format/) });
    expect(unwrap({ ...env, format: 'tensorflowjs' }, 'settings', readSettings).ok).toBe(false);
    for (const junk of [null, undefined, 42, 'settings', [], {}]) expect(unwrap(junk, 'settings', readSettings).ok).toBe(false);
  });

  it('rejects corrupt settings whole instead of coercing them', () => {
    const bad = (patch: Record<string, unknown>) => unwrap(wrap('settings', { ...SETTINGS, ...patch }), 'settings', readSettings);
    expect(bad({ alpha: 2 })).toMatchObject({ ok: false, reason: expect.stringMatching(/corrupt: α/) });
    expect(bad({ alpha: Number.NaN }).ok).toBe(false);
    expect(bad({ threshold: { percentile: 101, manualValue: null } }).ok).toBe(false);
    expect(bad({ threshold: { percentile: 99, manualValue: -1 } }).ok).toBe(false);
    expect(bad({ form: { ...DEFAULT_FORM, layers: [] } }).ok).toBe(false);
    expect(bad({ form: { ...DEFAULT_FORM, epochs: '20' } }).ok).toBe(false);
    expect(bad({ form: { ...DEFAULT_FORM, modeChoice: 'some' } }).ok).toBe(false);
    expect(bad({ label: { column: 'x' } }).ok).toBe(false);
    expect(bad({ model: { key: '' } }).ok).toBe(false);
    expect(bad({ keepDataset: 'yes' }).ok).toBe(false);
    expect(bad({ form: undefined }).ok).toBe(false);
  });

  it('keeps user strings as data (a label column named __proto__ stays a string)', () => {
    const crafted = JSON.parse(JSON.stringify(wrap('settings', SETTINGS)).replace('"protocol_type"', '"__proto__"')) as unknown;
    const d = unwrap(crafted, 'settings', readSettings);
    expect(d.ok && d.value.label?.column).toBe('__proto__');
  });

  it('reads a kept dataset only with its whole Blob', () => {
    const blob = new Blob(['a,b\n1,2\n']);
    const ok = unwrap(wrap('dataset', { name: 'x.csv', type: 'text/csv', lastModified: 5, bytes: blob.size, blob }), 'dataset', readDataset);
    expect(ok.ok && ok.value.name).toBe('x.csv');
    const short = unwrap(wrap('dataset', { name: 'x.csv', type: '', lastModified: 5, bytes: blob.size + 1, blob }), 'dataset', readDataset);
    expect(short).toMatchObject({ ok: false, reason: expect.stringMatching(/incomplete/) });
    const noBlob = unwrap(wrap('dataset', { name: 'x.csv', type: '', lastModified: 5, bytes: 3, blob: 'abc' }), 'dataset', readDataset);
    expect(noBlob).toMatchObject({ ok: false, reason: expect.stringMatching(/contents are missing/) });
  });
});

describe('names of what this app stores', () => {
  it('recognises only its own databases', () => {
    expect(isAppDatabase('netflow-notebook/session')).toBe(true);
    expect(isAppDatabase('netflow-notebook/models')).toBe(true);
    expect(isAppDatabase('netflow-notebook')).toBe(true);
    expect(isAppDatabase('netflow-notebook-other')).toBe(false);
    expect(isAppDatabase('tensorflowjs')).toBe(false);
    expect(isAppDatabase('other-app/netflow-notebook')).toBe(false);
  });

  it('recognises only the caches of its own service-worker scope', () => {
    const scope = 'https://u.github.io/netflow-notebook/';
    expect(isAppCache(`workbox-precache-v2-${scope}`, scope)).toBe(true);
    expect(isAppCache(`workbox-runtime-${scope}`, scope)).toBe(true);
    expect(isAppCache('workbox-precache-v2-https://u.github.io/', scope)).toBe(false); // the user's root site
    expect(isAppCache('workbox-precache-v2-https://u.github.io/other/', scope)).toBe(false); // a sibling site
    expect(isAppCache('workbox-precache-v2-https://u.github.io/netflow-notebook/', 'https://u.github.io/')).toBe(false);
    expect(isAppCache(`my-cache-${scope}`, scope)).toBe(false);
    expect(isAppCache('workbox-precache-v2-', '')).toBe(false);
  });

  it('reserves model keys starting with "__"', () => {
    expect(isReservedModelKey('__session__')).toBe(true);
    expect(isReservedModelKey('my model')).toBe(false);
  });
});
