import { describe, expect, it } from 'vitest';
import { SessionState } from './session.svelte';
import { SessionStore, SETTINGS_KEY, DATASET_KEY } from './session-store';
import { FakeHost, MemoryRecordStore, DEFAULT_FORM, quotaError } from './fakes.svelte';
import { wrap, type SessionSettings } from './records';
import type { WipeEnv } from './wipe';

const SAVED: SessionSettings = {
  alpha: 0.01,
  threshold: { percentile: 97, manualValue: null },
  form: { ...DEFAULT_FORM, epochs: 2 },
  label: { fileName: 'mine.csv', bytes: 8, column: 'proto', normalValue: 'tcp', columnByUser: true, normalByUser: true },
  keepDataset: true,
  persistRequested: true,
  model: { key: '__session__', fileName: 'mine.csv', bytes: 8, savedAt: '2026-01-01T00:00:00.000Z' },
};

const wipeEnv: WipeEnv = {
  scope: 'http://localhost/',
  listDatabases: async () => ['netflow-notebook/session'],
  deleteDatabase: async () => 'deleted',
  cacheNames: async () => [],
  deleteCache: async () => true,
  unregister: async () => false,
};

let current: SessionState | null = null;

function setup() {
  const mem = new MemoryRecordStore();
  const host = new FakeHost();
  const session = new SessionState(host, new SessionStore(mem), { debounceMs: 5, wipeEnv: () => wipeEnv });
  current = session;
  return { mem, host, session };
}

/**
 * Lets the debounce and the write queue run. The session's effects do not run under Svelte's
 * server build (which vitest resolves), so `sync()` stands in for them after each change.
 */
async function settle(ms = 30): Promise<void> {
  current?.sync();
  await new Promise((r) => setTimeout(r, ms));
  current?.sync();
  await new Promise((r) => setTimeout(r, ms));
}

function stored(mem: MemoryRecordStore): SessionSettings | undefined {
  return (mem.data.get(SETTINGS_KEY) as { data: SessionSettings } | undefined)?.data;
}

describe('SessionState', () => {
  it('starts fresh on the sample and writes nothing until the user changes something', async () => {
    const { mem, host, session } = setup();
    await session.start();
    await settle();
    expect(session.ready).toBe(true);
    expect(host.calls).toEqual(['loadSample']);
    expect(session.restored).toBeNull();
    expect(mem.puts).toBe(0);
    expect(session.saveStatus).toBe('idle');

    host.alpha = 0.1;
    host.alpha = 0.01;
    await settle();
    expect(mem.puts).toBe(1); // debounced: one write with the last value
    expect(stored(mem)?.alpha).toBe(0.01);
    expect(session.saveStatus).toBe('saved');
    session.stop();
  });

  it('restores settings, the kept file, the label, then the model and its threshold, in that order', async () => {
    const { mem, host, session } = setup();
    mem.plant(SETTINGS_KEY, wrap('settings', SAVED));
    mem.plant(DATASET_KEY, wrap('dataset', { name: 'mine.csv', type: 'text/csv', lastModified: 1, bytes: 8, blob: new Blob(['a,b\n1,2\n']) }));
    await session.start();
    await settle();
    expect(host.calls).toEqual(['applySettings', 'loadFile mine.csv', 'applyLabel proto', 'restoreModel __session__', 'applyThreshold 97']);
    expect(host.alpha).toBe(0.01);
    expect(session.keepDataset).toBe(true);
    expect(session.restored).toEqual({ dataset: 'mine.csv', settings: true, model: true });
    // Nothing restored is written back, the model is not saved again.
    expect(mem.puts).toBe(0);
    expect(host.calls).not.toContain('saveModel __session__');
    session.stop();
  });

  it('ignores a corrupt record with a note and falls back to the sample', async () => {
    const { mem, host, session } = setup();
    mem.plant(SETTINGS_KEY, { format: 'netflow-notebook/session', kind: 'settings', version: 1, data: { alpha: 7 } });
    await session.start();
    await settle();
    expect(host.calls).toEqual(['loadSample']);
    expect(session.restored).toBeNull();
    expect(session.note).toMatch(/Your saved session was ignored: the saved settings record is corrupt: α .*starts fresh on the sample/);
    session.stop();
  });

  it('falls back to the sample when the kept file no longer loads', async () => {
    const { mem, host, session } = setup();
    host.fileLoads = false;
    mem.plant(SETTINGS_KEY, wrap('settings', { ...SAVED, label: null, model: null }));
    mem.plant(DATASET_KEY, wrap('dataset', { name: 'mine.csv', type: '', lastModified: 1, bytes: 3, blob: new Blob(['abc']) }));
    await session.start();
    await settle();
    expect(host.calls).toEqual(['applySettings', 'loadFile mine.csv', 'loadSample']);
    expect(session.note).toMatch(/“mine.csv” is kept in this browser but could not be loaded again/);
    session.stop();
  });

  it('keeps a model whose dataset is not loaded until that file is opened', async () => {
    const { mem, host, session } = setup();
    mem.plant(SETTINGS_KEY, wrap('settings', { ...SAVED, keepDataset: false, label: null }));
    await session.start();
    await settle();
    expect(host.calls).toEqual(['applySettings', 'loadSample']);
    expect(session.note).toMatch(/scores “mine.csv”, which is not loaded/);
    await host.loadFile(new File(['a,b\n1,2\n'], 'mine.csv'));
    await settle();
    expect(host.calls.slice(-2)).toEqual(['restoreModel __session__', 'applyThreshold 97']);
    session.stop();
  });

  it('a quota error is reported and the earlier save still restores', async () => {
    const { mem, host, session } = setup();
    await session.start();
    host.alpha = 0.01;
    await settle();
    mem.failPuts.push(quotaError());
    host.alpha = 0.1;
    await settle();
    expect(session.saveStatus).toBe('error');
    expect(session.messages[0]).toMatch(/^Storage is full: the session was not saved \(your earlier save is intact\)/);
    expect(stored(mem)?.alpha).toBe(0.01);
    session.stop();

    const again = setup();
    again.mem.plant(SETTINGS_KEY, mem.data.get(SETTINGS_KEY));
    await again.session.start();
    expect(again.host.alpha).toBe(0.01);
    again.session.stop();
  });

  it('autosaves a new model under the reserved key, then points the settings at it', async () => {
    const { mem, host, session } = setup();
    await session.start();
    await settle();
    host.currentModel = { ref: {}, fileName: 'nsl-kdd-sample.csv', bytes: 1000 };
    await settle();
    expect(host.calls).toContain('saveModel __session__');
    expect(stored(mem)?.model).toMatchObject({ key: '__session__', fileName: 'nsl-kdd-sample.csv', bytes: 1000 });
    session.stop();
  });

  it('keeps the opted-in dataset, and forgets it on opting out', async () => {
    const { mem, host, session } = setup();
    await session.start();
    await host.loadFile(new File(['a,b\n1,2\n'], 'mine.csv'));
    session.setKeepDataset(true);
    await settle();
    expect(mem.data.has(DATASET_KEY)).toBe(true);
    expect(stored(mem)?.keepDataset).toBe(true);
    session.setKeepDataset(false);
    await settle();
    expect(mem.data.has(DATASET_KEY)).toBe(false);
    expect(stored(mem)?.keepDataset).toBe(false);
    session.stop();
  });

  it('after "Delete all local data" nothing is written again until the next change', async () => {
    const { mem, host, session } = setup();
    await session.start();
    host.alpha = 0.01;
    await settle();
    const puts = mem.puts;
    await session.deleteAll();
    await settle();
    expect(session.note).toBe('Deleted 1 database (netflow-notebook/session). Nothing else on this site was touched.');
    expect(host.calls).toContain('forgetSavedModels');
    expect(mem.puts).toBe(puts);
    host.alpha = 0.1;
    await settle();
    expect(mem.puts).toBe(puts + 1);
    session.stop();
  });
});
