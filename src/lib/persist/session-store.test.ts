import { describe, expect, it } from 'vitest';
import { SessionStore, SETTINGS_KEY, DATASET_KEY, isQuotaError, saveFailureMessage, SaveError } from './session-store';
import { MemoryRecordStore, DEFAULT_FORM, quotaError } from './fakes.svelte';
import { wrap, type SessionSettings } from './records';

const base: SessionSettings = {
  alpha: 0.05,
  threshold: { percentile: 99.9, manualValue: null },
  form: DEFAULT_FORM,
  label: null,
  keepDataset: false,
  persistRequested: false,
  model: null,
};

function setup() {
  const mem = new MemoryRecordStore();
  const store = new SessionStore(mem, () => new Date('2026-03-01T00:00:00Z'));
  return { mem, store };
}

describe('SessionStore', () => {
  it('reads nothing on a fresh start', async () => {
    const { store } = setup();
    expect(await store.readSettings()).toEqual({ state: 'none' });
    expect(await store.readDataset()).toEqual({ state: 'none' });
  });

  it('writes the settings as one versioned record and replaces it whole', async () => {
    const { mem, store } = setup();
    await store.writeSettings(base);
    await store.writeSettings({ ...base, alpha: 0.01 });
    expect(mem.puts).toBe(2);
    expect(mem.data.get(SETTINGS_KEY)).toMatchObject({ format: 'netflow-notebook/session', kind: 'settings', version: 1, savedAt: '2026-03-01T00:00:00.000Z' });
    expect(await store.readSettings()).toEqual({ state: 'ok', value: { ...base, alpha: 0.01 }, savedAt: '2026-03-01T00:00:00.000Z' });
  });

  it('a quota error keeps the previous record and says so', async () => {
    const { mem, store } = setup();
    await store.writeSettings({ ...base, alpha: 0.01 });
    mem.failPuts.push(quotaError());
    const err = await store.writeSettings({ ...base, alpha: 0.1 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SaveError);
    expect((err as SaveError).quota).toBe(true);
    expect((err as SaveError).message).toMatch(/^Storage is full: the session was not saved \(your earlier save is intact\)/);
    const read = await store.readSettings();
    expect(read.state === 'ok' && read.value.alpha).toBe(0.01);
  });

  it('a quota error on the dataset keeps the earlier kept file', async () => {
    const { mem, store } = setup();
    await store.writeDataset(new File(['a,b\n1,2\n'], 'first.csv', { type: 'text/csv', lastModified: 7 }));
    mem.failPuts.push(quotaError());
    await expect(store.writeDataset(new File(['x'.repeat(100)], 'big.csv'))).rejects.toThrow(/Storage is full: “big.csv” was not kept in this browser \(your earlier save is intact\)/);
    const read = await store.readDataset();
    expect(read.state).toBe('ok');
    if (read.state !== 'ok') return;
    expect(read.value.file.name).toBe('first.csv');
    expect(read.value.file.lastModified).toBe(7);
    expect(await read.value.file.text()).toBe('a,b\n1,2\n');
  });

  it('ignores a corrupt, foreign or newer record with a reason, and never throws', async () => {
    const { mem, store } = setup();
    mem.plant(SETTINGS_KEY, { format: 'netflow-notebook/session', kind: 'settings', version: 1, data: { alpha: 'x' } });
    expect(await store.readSettings()).toMatchObject({ state: 'ignored', reason: expect.stringMatching(/corrupt/) });
    mem.plant(SETTINGS_KEY, wrap('settings', base));
    (mem.data.get(SETTINGS_KEY) as { version: number }).version = 99;
    expect(await store.readSettings()).toMatchObject({ state: 'ignored', reason: expect.stringMatching(/newer version/) });
    mem.plant(SETTINGS_KEY, 'garbage');
    expect(await store.readSettings()).toMatchObject({ state: 'ignored' });
    mem.plant(DATASET_KEY, { format: 'netflow-notebook/session', kind: 'dataset', version: 1, data: { name: 'x.csv', bytes: 3 } });
    expect(await store.readDataset()).toMatchObject({ state: 'ignored', reason: expect.stringMatching(/contents are missing/) });
    mem.failGet = new Error('backing store broken');
    expect(await store.readSettings()).toMatchObject({ state: 'ignored', reason: expect.stringMatching(/could not be read \(backing store broken\)/) });
  });

  it('deletes the kept dataset', async () => {
    const { store } = setup();
    await store.writeDataset(new File(['1'], 'a.csv'));
    await store.deleteDataset();
    expect(await store.readDataset()).toEqual({ state: 'none' });
  });
});

describe('save failures in words', () => {
  it('recognises quota errors however they arrive', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError({ name: 'Error', code: 22 })).toBe(true);
    // relayed from the model worker: only the message is left
    expect(isQuotaError(new Error('QuotaExceededError: the quota has been exceeded'))).toBe(true);
    expect(isQuotaError(new Error('DataCloneError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });

  it('says what was not saved and that the earlier save is intact', () => {
    expect(saveFailureMessage({ kind: 'model' }, quotaError())).toMatch(/^Storage is full: the model was not saved for your next visit \(your earlier save is intact\)/);
    expect(saveFailureMessage({ kind: 'session' }, new Error('boom'))).toBe('Could not save: the session was not saved (boom). Your earlier save is intact.');
  });
});
