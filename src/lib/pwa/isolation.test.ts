import { describe, expect, it } from 'vitest';
import { INTERACTION_EVENTS, RELOAD_MARK_KEY, initialStatus, onTakeover, readMark, reloadUsed, watchInteraction, writeMark, type MarkStorage, type TakeoverFacts } from './isolation';
import { ISOLATION_HEADERS, withIsolationHeaders } from './isolation-headers';

const fresh: TakeoverFacts = { isolated: false, controlledAtLoad: false, interacted: false, opened: false, reloadUsed: false };

function memoryStorage(): MarkStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  };
}

describe('onTakeover', () => {
  it('reloads a first visit that is still opening and untouched', () => {
    expect(onTakeover(fresh)).toBe('reload');
  });

  it('only suggests the reload once the user did something, the notebook opened, or the one reload is used', () => {
    expect(onTakeover({ ...fresh, interacted: true })).toBe('suggest-reload');
    expect(onTakeover({ ...fresh, opened: true })).toBe('suggest-reload');
    expect(onTakeover({ ...fresh, reloadUsed: true })).toBe('suggest-reload');
  });

  it('does nothing for an isolated page or an update taking over', () => {
    expect(onTakeover({ ...fresh, isolated: true })).toBe('nothing');
    expect(onTakeover({ ...fresh, controlledAtLoad: true })).toBe('nothing');
  });
});

describe('initialStatus', () => {
  it('tells isolated, no service worker, first visit and "under the worker yet not isolated" apart', () => {
    expect(initialStatus({ isolated: true, serviceWorker: true, controlled: true })).toBe('isolated');
    expect(initialStatus({ isolated: false, serviceWorker: false, controlled: false })).toBe('no-service-worker');
    expect(initialStatus({ isolated: false, serviceWorker: true, controlled: false })).toBe('installing');
    expect(initialStatus({ isolated: false, serviceWorker: true, controlled: true })).toBe('unavailable');
  });
});

describe('the once-per-tab reload mark', () => {
  it('is free in a fresh tab and used once written', () => {
    const s = memoryStorage();
    expect(reloadUsed(s)).toBe(false);
    expect(writeMark(s, { at: 5, announced: false })).toBe(true);
    expect(reloadUsed(s)).toBe(true);
    expect(readMark(s)).toEqual({ at: 5, announced: false });
  });

  it('counts as used when there is no storage, when it cannot be written, or when it is garbled', () => {
    expect(reloadUsed(null)).toBe(true);
    expect(writeMark(null, { at: 1, announced: false })).toBe(false);
    const full: MarkStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(writeMark(full, { at: 1, announced: false })).toBe(false);
    const garbled = memoryStorage();
    garbled.data.set(RELOAD_MARK_KEY, '{not json');
    expect(reloadUsed(garbled)).toBe(true);
    expect(readMark(garbled)).toEqual({ at: 0, announced: true });
    const throwing: MarkStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => undefined,
    };
    expect(reloadUsed(throwing)).toBe(true);
  });
});

describe('watchInteraction', () => {
  it('notices the first interaction of any kind and stops listening', () => {
    for (const type of INTERACTION_EVENTS) {
      const target = new EventTarget();
      const w = watchInteraction(target);
      expect(w.interacted).toBe(false);
      target.dispatchEvent(new Event(type));
      expect(w.interacted).toBe(true);
    }
  });

  it('ignores other events, and nothing after stop()', () => {
    const target = new EventTarget();
    const w = watchInteraction(target);
    target.dispatchEvent(new Event('message'));
    target.dispatchEvent(new Event('load'));
    w.stop();
    target.dispatchEvent(new Event('pointerdown'));
    expect(w.interacted).toBe(false);
  });
});

describe('withIsolationHeaders', () => {
  it('sets COOP same-origin and COEP require-corp, keeping status, body and other headers', async () => {
    const r = withIsolationHeaders(new Response('hello', { status: 200, statusText: 'OK', headers: { 'content-type': 'text/html', 'cross-origin-embedder-policy': 'unsafe-none' } }));
    expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(r.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(r.headers.get('content-type')).toBe('text/html');
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('hello');
    expect(Object.keys(ISOLATION_HEADERS)).toHaveLength(2);
  });

  it('keeps partial and null-body statuses valid', async () => {
    const partial = withIsolationHeaders(new Response('abc', { status: 206 }));
    expect(partial.status).toBe(206);
    expect(await partial.text()).toBe('abc');
    const empty = withIsolationHeaders(new Response(null, { status: 204 }));
    expect(empty.status).toBe(204);
    expect(empty.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('returns opaque and error responses untouched (they cannot be rebuilt)', () => {
    const err = Response.error();
    expect(withIsolationHeaders(err)).toBe(err);
  });
});
