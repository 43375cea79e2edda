import { describe, expect, it } from 'vitest';
import { wipeLocalData, wipeSummary, KNOWN_DATABASES, type DeleteOutcome, type WipeEnv } from './wipe';

const SCOPE = 'https://u.github.io/netflow-notebook/';

function env(over: Partial<WipeEnv> & { dbs?: string[] | null; cacheList?: string[]; outcomes?: Record<string, DeleteOutcome>; registered?: string[] } = {}) {
  const deletedDbs: string[] = [];
  const deletedCaches: string[] = [];
  const unregistered: string[] = [];
  const e: WipeEnv = {
    scope: SCOPE,
    listDatabases: async () => (over.dbs === undefined ? ['netflow-notebook/session', 'netflow-notebook/models', 'tensorflowjs', 'other-site/db', 'netflow-notebook-fork'] : over.dbs),
    deleteDatabase: async (name) => {
      deletedDbs.push(name);
      return over.outcomes?.[name] ?? 'deleted';
    },
    cacheNames: async () =>
      over.cacheList ?? [`workbox-precache-v2-${SCOPE}`, 'workbox-precache-v2-https://u.github.io/', 'workbox-precache-v2-https://u.github.io/other/', 'user-cache'],
    deleteCache: async (name) => {
      deletedCaches.push(name);
      return true;
    },
    unregister: async (scope) => {
      const regs = over.registered ?? [SCOPE];
      if (!regs.includes(scope)) return false;
      unregistered.push(scope);
      return true;
    },
    ...over,
  };
  return { e, deletedDbs, deletedCaches, unregistered };
}

describe('Delete all local data', () => {
  it("deletes only this app's databases, caches and service worker", async () => {
    const { e, deletedDbs, deletedCaches, unregistered } = env();
    const report = await wipeLocalData(e);
    expect(deletedDbs).toEqual(['netflow-notebook/models', 'netflow-notebook/session']);
    expect(deletedCaches).toEqual([`workbox-precache-v2-${SCOPE}`]);
    expect(unregistered).toEqual([SCOPE]);
    expect(report).toEqual({ databases: deletedDbs, blocked: [], failed: [], caches: deletedCaches, serviceWorker: true });
    expect(wipeSummary(report)).toBe(
      'Deleted 2 databases (netflow-notebook/models, netflow-notebook/session), 1 cache of the offline copy, the offline service worker (it is installed again on your next visit). Nothing else on this site was touched.',
    );
  });

  it('falls back to the known names when the browser cannot list databases', async () => {
    const { e, deletedDbs } = env({ dbs: null });
    await wipeLocalData(e);
    expect(deletedDbs).toEqual([...KNOWN_DATABASES].sort());
  });

  it('reports a database kept open by another tab, and failures, without stopping', async () => {
    const { e, deletedCaches } = env({ outcomes: { 'netflow-notebook/models': 'blocked', 'netflow-notebook/session': 'failed' }, registered: [] });
    const report = await wipeLocalData(e);
    expect(report.blocked).toEqual(['netflow-notebook/models']);
    expect(report.failed).toEqual(['netflow-notebook/session']);
    expect(report.serviceWorker).toBe(false);
    expect(deletedCaches).toHaveLength(1);
    expect(wipeSummary(report)).toMatch(/Still open in another tab, deleted once it closes: netflow-notebook\/models\. Could not delete: netflow-notebook\/session\./);
  });

  it('says when there was nothing to delete', async () => {
    const { e } = env({ dbs: ['tensorflowjs'], cacheList: [], registered: [] });
    expect(wipeSummary(await wipeLocalData(e))).toBe('There was nothing of this app stored in this browser. Nothing else on this site was touched.');
  });
});
