/**
 * Service-worker registration (vite-plugin-pwa, Workbox precache). A new deploy waits until the
 * user accepts it, so the running page never loses the chunks it still has to load lazily.
 */
export class AppUpdate {
  needRefresh = $state(false);
  offlineReady = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;

  async register(): Promise<void> {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    const { registerSW } = await import('virtual:pwa-register');
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.needRefresh = true),
      onOfflineReady: () => (this.offlineReady = true),
    });
  }

  async apply(): Promise<void> {
    this.needRefresh = false;
    await this.#update?.(true);
  }

  dismiss(): void {
    this.needRefresh = false;
    this.offlineReady = false;
  }
}
