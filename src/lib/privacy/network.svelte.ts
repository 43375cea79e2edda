/**
 * Counts the requests this page makes, by origin, from the browser's own resource timing
 * (PerformanceObserver): the privacy indicator shows how many left this origin (it should
 * always be zero). Workers' requests are reported by the workers' own timelines, which the
 * page cannot observe; the CSP (`connect-src 'self'`) blocks theirs from leaving anyway.
 */
export class NetworkWatch {
  sameOrigin = $state(0);
  foreign = $state(0);
  foreignUrls = $state.raw<readonly string[]>([]);
  #observer: PerformanceObserver | null = null;

  start(): void {
    if (typeof PerformanceObserver === 'undefined' || this.#observer) return;
    const origin = location.origin;
    const count = (entries: PerformanceEntryList) => {
      let same = 0;
      const foreign: string[] = [];
      for (const e of entries) {
        const url = e.name;
        if (url.startsWith('data:') || url.startsWith('blob:')) continue;
        if (new URL(url, location.href).origin === origin) same++;
        else foreign.push(url);
      }
      this.sameOrigin += same;
      if (foreign.length > 0) {
        this.foreign += foreign.length;
        this.foreignUrls = [...this.foreignUrls, ...foreign].slice(-20);
      }
    };
    this.#observer = new PerformanceObserver((list) => count(list.getEntries()));
    this.#observer.observe({ type: 'resource', buffered: true });
  }

  stop(): void {
    this.#observer?.disconnect();
    this.#observer = null;
  }
}
