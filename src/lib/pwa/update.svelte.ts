/**
 * Service-worker registration (src/sw.ts: the offline copy + cross-origin isolation headers).
 * A new deploy waits until the user accepts it, so the running page never loses the chunks it
 * still has to load lazily. The first visit reloads itself once, while it is still opening, to
 * come back cross-origin isolated (isolation.ts says when); the offline copy is completed in the
 * background and the page says when it is.
 */
import { initialStatus, onTakeover, readMark, reloadUsed, watchInteraction, writeMark, type IsolationStatus, type MarkStorage } from './isolation';
import { FILL_REQUEST, isFillReply, type FillResult } from './precache-fill';

/** A reload that has not replaced the page by then was cancelled or is stuck. */
const RELOAD_GIVE_UP_MS = 15_000;

/** Where the offline copy stands (also `<html data-offline>`). */
export type OfflineStatus = 'none' | 'caching' | 'ready' | 'incomplete';

export interface RegisterOptions {
  /** True once the notebook has opened (its first dataset loaded or failed): no automatic reload after that. */
  readonly opened: () => boolean;
}

function tabStorage(): MarkStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage blocked: no mark can be kept, so no automatic reload
  }
}

export class AppUpdate {
  needRefresh = $state(false);
  offlineReady = $state(false);
  /** Where this page stands on cross-origin isolation (also `<html data-isolation>`). */
  isolation = $state<IsolationStatus>('no-service-worker');
  offline = $state<OfflineStatus>('none');
  /** This page is the one reload made for isolation (the toast says why the page reloaded). */
  reloadedForIsolation = $state(false);
  /** The user said "Later" to the reload that would enable threads. */
  reloadDeclined = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;

  async register({ opened }: RegisterOptions): Promise<void> {
    const isolated = globalThis.crossOriginIsolated === true;
    const supported = 'serviceWorker' in navigator && !import.meta.env.DEV;
    const container = supported ? navigator.serviceWorker : null;
    const controlled = container?.controller != null;
    this.#setIsolation(initialStatus({ isolated, serviceWorker: supported, controlled }));
    if (!container) return;

    const storage = tabStorage();
    const mark = readMark(storage);
    if (controlled && mark && !mark.announced) {
      // The first visit reloaded itself: once the offline copy is complete, say why (once).
      writeMark(storage, { ...mark, announced: true });
      this.reloadedForIsolation = true;
    }
    if (controlled) this.#completeOfflineCopy(container.controller);

    // Only a page that is not under a worker yet can be taken over (and reload by itself).
    const interaction = controlled ? null : watchInteraction(window);
    container.addEventListener('controllerchange', () => {
      const action = onTakeover({
        isolated: globalThis.crossOriginIsolated === true,
        controlledAtLoad: controlled,
        interacted: interaction?.interacted ?? true,
        opened: opened(),
        reloadUsed: reloadUsed(storage),
      });
      interaction?.stop();
      if (action === 'nothing') return;
      if (action === 'reload' && writeMark(storage, { at: Date.now(), announced: false })) {
        this.#reload();
        return;
      }
      this.#setIsolation('reload-needed');
      this.#completeOfflineCopy(container.controller);
    });

    const { registerSW } = await import('virtual:pwa-register');
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.needRefresh = true),
      // Not `onOfflineReady`: the first install caches only the shell; the page hears from the
      // worker when the whole copy is there (#completeOfflineCopy).
      onRegisterError: () => {
        interaction?.stop();
        if (this.isolation === 'installing') this.#setIsolation('no-service-worker');
      },
    });
  }

  async apply(): Promise<void> {
    this.needRefresh = false;
    await this.#update?.(true);
  }

  /** The user asked for the reload that makes the page isolated. */
  reloadForIsolation(): void {
    this.#reload();
  }

  dismiss(): void {
    this.needRefresh = false;
    this.offlineReady = false;
    if (this.isolation === 'reload-needed') this.reloadDeclined = true;
  }

  /** Asks the worker to finish the offline copy; it answers when every file is cached. */
  #completeOfflineCopy(worker: ServiceWorker | null): void {
    if (!worker) return;
    this.#setOffline('caching');
    const channel = new MessageChannel();
    channel.port1.onmessage = (e: MessageEvent<unknown>) => {
      channel.port1.close();
      if (isFillReply(e.data)) this.#copied(e.data.result);
    };
    worker.postMessage({ type: FILL_REQUEST }, [channel.port2]);
  }

  #copied(r: FillResult): void {
    if (r.stopped) return this.#setOffline('none'); // the copy was deleted on purpose
    if (r.failed > 0) return this.#setOffline('incomplete'); // tried again on the next visit
    this.#setOffline('ready');
    // Said once: when this visit completed the copy, or on the page the first visit reloaded into.
    if (r.fetched > 0 || this.reloadedForIsolation) this.offlineReady = true;
  }

  #reload(): void {
    this.#setIsolation('reloading');
    // Until the new page replaces this one, a click, a keystroke or a dropped file would be lost
    // with it: the notebook leaves the page (nothing can be seen or used of it meanwhile, by a
    // person or a test), as it would on any reload.
    const app = document.getElementById('app');
    const parent = app?.parentNode ?? null;
    const next = app?.nextSibling ?? null;
    app?.remove();
    document.body.inert = true;
    location.reload();
    // Still here long after (the reload was cancelled or is stuck): give the page back.
    setTimeout(() => {
      if (app && parent) parent.insertBefore(app, next);
      document.body.inert = false;
      this.#setIsolation('reload-needed');
    }, RELOAD_GIVE_UP_MS);
  }

  #setIsolation(status: IsolationStatus): void {
    this.isolation = status;
    document.documentElement.dataset.isolation = status;
  }

  #setOffline(status: OfflineStatus): void {
    this.offline = status;
    document.documentElement.dataset.offline = status;
  }
}
