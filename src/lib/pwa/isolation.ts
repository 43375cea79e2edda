/**
 * Cross-origin isolation without server headers, the page's half (the service worker's half is
 * src/sw.ts). A page is isolated only if its own navigation response carried COOP/COEP, so the
 * visit that installs the service worker is not, however soon the worker takes it over: getting
 * isolated takes one reload. This module decides whether that reload may happen by itself:
 *
 * - at most once per tab: a sessionStorage mark, set before reloading, forbids a second one, so
 *   a browser that does not isolate under a service worker can never loop;
 * - only while the page is still opening: the first install caches just the shell and takes the
 *   page over within a moment, long before the notebook has its first dataset. Once the notebook
 *   is open, or the user has done anything at all (pointer, keyboard, input, file drop, scroll),
 *   a reload could lose what they see or did — a dataset they loaded but did not keep, a training
 *   in progress, where they scrolled to — so the page stays as it is and offers the reload; the
 *   next visit is isolated anyway;
 * - never for a page that started under a service worker (an update taking over reloads through
 *   the update prompt) or that is isolated already.
 *
 * Pure decisions here; AppUpdate (update.svelte.ts) wires them to the browser.
 */

/** sessionStorage key (namespaced: GitHub Pages sites of one user share an origin). */
export const RELOAD_MARK_KEY = 'netflow-notebook/isolation-reload';

export type IsolationStatus =
  /** `crossOriginIsolated`: WASM can use threads. */
  | 'isolated'
  /** No service worker: unsupported, blocked (some private modes), or the dev server. */
  | 'no-service-worker'
  /** First visit: the service worker is installing (downloading the offline copy). */
  | 'installing'
  /** Reloading once to come back isolated. */
  | 'reloading'
  /** The service worker controls the page now, but the page was not reloaded by itself. */
  | 'reload-needed'
  /**
   * Loaded under a service worker and still not isolated: an older worker without the headers
   * (its update is on the way, through the update prompt), or a browser that does not isolate
   * pages this way.
   */
  | 'unavailable';

/** What the page knows when the service worker has just taken control of it. */
export interface TakeoverFacts {
  readonly isolated: boolean;
  /** The page was already controlled when it loaded (this takeover is an update). */
  readonly controlledAtLoad: boolean;
  /** The user has interacted with the page. */
  readonly interacted: boolean;
  /** The notebook has opened (its first dataset is loaded, or failed to load). */
  readonly opened: boolean;
  /** This tab already reloaded once for isolation (or the mark cannot be stored). */
  readonly reloadUsed: boolean;
}

export type TakeoverAction = 'nothing' | 'reload' | 'suggest-reload';

export function onTakeover(f: TakeoverFacts): TakeoverAction {
  if (f.isolated || f.controlledAtLoad) return 'nothing';
  if (f.interacted || f.opened || f.reloadUsed) return 'suggest-reload';
  return 'reload';
}

/** The status of a page right after it loaded. */
export function initialStatus(f: { isolated: boolean; serviceWorker: boolean; controlled: boolean }): IsolationStatus {
  if (f.isolated) return 'isolated';
  if (!f.serviceWorker) return 'no-service-worker';
  return f.controlled ? 'unavailable' : 'installing';
}

export interface ReloadMark {
  readonly at: number;
  /** The reloaded page has told the user why it reloaded. */
  readonly announced: boolean;
}

/** Storage as the page sees it; a throwing storage (blocked cookies) means "no reload". */
export type MarkStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function readMark(storage: MarkStorage | null): ReloadMark | null {
  try {
    const raw = storage?.getItem(RELOAD_MARK_KEY);
    if (raw == null) return null;
    const v = JSON.parse(raw) as Partial<ReloadMark> | null;
    return { at: typeof v?.at === 'number' ? v.at : 0, announced: v?.announced === true };
  } catch {
    // Unreadable or garbled: treat as used, never as permission to reload again.
    return { at: 0, announced: true };
  }
}

/** Whether the one reload of this tab is used (or cannot be recorded, so must not happen). */
export function reloadUsed(storage: MarkStorage | null): boolean {
  if (storage == null) return true;
  return readMark(storage) !== null;
}

/** Records the reload; false when it cannot be recorded (then the caller must not reload). */
export function writeMark(storage: MarkStorage | null, mark: ReloadMark): boolean {
  if (storage == null) return false;
  try {
    storage.setItem(RELOAD_MARK_KEY, JSON.stringify(mark));
    return storage.getItem(RELOAD_MARK_KEY) !== null;
  } catch {
    return false;
  }
}

/** Events that mean the user has started doing something a reload would undo. */
export const INTERACTION_EVENTS = ['pointerdown', 'keydown', 'input', 'change', 'drop', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Watches for the first interaction (capture phase, so nothing can stop it first; `scroll` does
 * not bubble). Stops listening once one is seen.
 */
export function watchInteraction(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>): { readonly interacted: boolean; stop(): void } {
  let interacted = false;
  const opts: AddEventListenerOptions = { capture: true, passive: true };
  const seen = (): void => {
    interacted = true;
    stop();
  };
  function stop(): void {
    for (const type of INTERACTION_EVENTS) target.removeEventListener(type, seen, opts);
  }
  for (const type of INTERACTION_EVENTS) target.addEventListener(type, seen, opts);
  return {
    get interacted() {
      return interacted;
    },
    stop,
  };
}
