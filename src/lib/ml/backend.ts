/**
 * Which tfjs backend to train on, as pure logic (DESIGN §4, §5). The model worker probes the
 * environment (WebGL renderer string, crossOriginIsolated) and tries the plan in order; the
 * words of each reason are made here so the UI can say which backend and why.
 *
 * Measured on this project's 2-core machine, seed autoencoder, batch 32, in a worker:
 * WASM 8.4k samples/s, CPU 2.4k, WebGL on SwiftShader 1.0k.
 */
import type { BackendName } from '../../../workers/protocol-model';

export const BACKEND_NAMES: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

export type RendererClass = 'hardware' | 'software' | 'unknown' | 'unavailable';

/** Software rasterisers: WebGL works, but trains far slower than WASM. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/**
 * Renderer strings that say nothing about the GPU: a masked RENDERER (no
 * WEBGL_debug_renderer_info) or a privacy-reduced one.
 */
const MASKED_RENDERER = /^(webkit webgl|mozilla|generic renderer|unknown)$/i;

export function classifyRenderer(renderer: string | null | undefined): RendererClass {
  if (renderer == null) return 'unavailable';
  const r = renderer.trim();
  if (r === '' || MASKED_RENDERER.test(r)) return 'unknown';
  if (SOFTWARE_RENDERER.test(r)) return 'software';
  return 'hardware';
}

/** A short human name for a software renderer ("SwiftShader", "llvmpipe"), else the string. */
export function rendererShortName(renderer: string): string {
  const m = /swiftshader|llvmpipe|softpipe|basic render driver|software/i.exec(renderer);
  if (!m) return renderer;
  const found = m[0].toLowerCase();
  if (found === 'swiftshader') return 'SwiftShader';
  if (found === 'basic render driver') return 'Microsoft Basic Render Driver';
  return m[0];
}

export function isBackendName(x: unknown): x is BackendName {
  return typeof x === 'string' && (BACKEND_NAMES as readonly string[]).includes(x);
}

/**
 * The `?backend=webgl|wasm|cpu` override from a URL query string (or URLSearchParams).
 * Case and surrounding spaces are forgiven; anything else (absent, empty, unknown, `auto`)
 * is no override. The last occurrence wins, as a user editing the URL would expect.
 */
export function parseBackendOverride(search: string | URLSearchParams | null | undefined): BackendName | null {
  if (search == null) return null;
  const params = typeof search === 'string' ? new URLSearchParams(search.startsWith('?') ? search.slice(1) : search) : search;
  const all = params.getAll('backend');
  if (all.length === 0) return null;
  const value = all[all.length - 1].trim().toLowerCase();
  return isBackendName(value) ? value : null;
}

/** What the worker found out about its environment before choosing. */
export interface BackendProbe {
  /** The WebGL2 renderer string; null when no WebGL2 context could be created. */
  readonly webglRenderer: string | null;
  /** Why WebGL2 is unavailable, when it is. */
  readonly webglError?: string;
  readonly crossOriginIsolated: boolean;
}

export interface PlanStep {
  readonly backend: BackendName;
  /** The "because" part of the reason; the label (e.g. "WASM (SIMD)") is added once known. */
  readonly why: string;
}

const SLOWER_THAN_WASM = 'which trains ~8× slower than WASM here';

function describeWebgl(probe: BackendProbe): string {
  const r = probe.webglRenderer;
  const cls = classifyRenderer(r);
  switch (cls) {
    case 'unavailable':
      return `WebGL2 is not available in the worker${probe.webglError ? ` (${probe.webglError})` : ''}`;
    case 'software':
      return `WebGL renderer is ${rendererShortName(r ?? '')} (software), ${SLOWER_THAN_WASM}`;
    case 'unknown':
      return `the WebGL renderer is hidden (${r ? `"${r}"` : 'empty'}), so it cannot be confirmed to be a real GPU`;
    case 'hardware':
      return `the WebGL renderer is a GPU: ${r ?? ''}`;
  }
}

/**
 * The order in which to try backends, each with its reason. A forced backend comes first and the
 * automatic order follows as a fallback (a forced WebGL that fails still ends up on WASM).
 */
export function planBackends(force: BackendName | null, probe: BackendProbe): PlanStep[] {
  const cls = classifyRenderer(probe.webglRenderer);
  const webglWhy = describeWebgl(probe);
  const auto: PlanStep[] = [];
  if (cls === 'hardware') {
    auto.push({ backend: 'webgl', why: webglWhy });
    auto.push({ backend: 'wasm', why: 'WebGL failed to start' });
  } else {
    auto.push({ backend: 'wasm', why: webglWhy });
  }
  auto.push({ backend: 'cpu', why: 'WASM failed to start; the plain-JavaScript CPU backend is ~3.5× slower than WASM' });

  if (force == null) return auto;
  const forcedWhy =
    force === 'webgl'
      ? cls === 'unavailable'
        ? `requested by ?backend=webgl, but ${webglWhy}`
        : `requested by ?backend=webgl${cls === 'hardware' ? ` (${webglWhy})` : `; note: ${webglWhy}`}`
      : `requested by ?backend=${force}`;
  const forced: PlanStep = { backend: force, why: forcedWhy };
  const rest = auto
    .filter((s) => s.backend !== force)
    .map((s) => ({ backend: s.backend, why: `?backend=${force} failed to start; ${s.why}` }));
  // WebGL2 missing: a forced WebGL cannot start, say so instead of trying.
  return force === 'webgl' && cls === 'unavailable' ? rest.map((s) => ({ ...s, why: forcedWhy })) : [forced, ...rest];
}

/** "WebGL", "WASM (SIMD)", "WASM (SIMD, threads)", "WASM (no SIMD)", "CPU". */
export function backendLabel(backend: BackendName, details: { simd?: boolean; threads?: boolean } = {}): string {
  if (backend === 'webgl') return 'WebGL';
  if (backend === 'cpu') return 'CPU';
  const parts = [details.simd === false ? 'no SIMD' : 'SIMD'];
  if (details.threads) parts.push('threads');
  return `WASM (${parts.join(', ')})`;
}

/**
 * Why WASM runs on one thread: threads need a cross-origin isolated page (our service worker
 * makes it so), and tfjs then uses half the logical cores, at most 8 (so 1 on a 2-core machine).
 */
export function singleThreadWhy(isolated: boolean, logicalCores: number | undefined): string {
  if (!isolated) return 'one thread: the page is not cross-origin isolated (no service worker yet, or it is blocked)';
  return `one thread: tfjs uses half of the logical cores, and this machine has ${logicalCores ?? 'an unknown number of'}`;
}

/** The sentence the UI shows: "WASM (SIMD): WebGL renderer is SwiftShader (software), ...". */
export function formatReason(
  step: PlanStep,
  details: { simd?: boolean; threads?: boolean; singleThreadWhy?: string } = {},
  failures: readonly string[] = [],
): string {
  const tail = failures.length > 0 ? ` [${failures.join('; ')}]` : '';
  const threads = step.backend === 'wasm' && details.threads === false && details.singleThreadWhy ? `; ${details.singleThreadWhy}` : '';
  return `${backendLabel(step.backend, details)}: ${step.why}${threads}.${tail}`;
}
