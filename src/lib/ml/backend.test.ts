import { describe, expect, it } from 'vitest';
import { backendLabel, classifyRenderer, formatReason, parseBackendOverride, planBackends, rendererShortName, singleThreadWhy, type BackendProbe } from './backend';

describe('classifyRenderer', () => {
  it.each([
    ['Google SwiftShader', 'software'],
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', 'software'],
    ['llvmpipe (LLVM 15.0.7, 256 bits)', 'software'],
    ['Mesa softpipe', 'software'],
    ['Microsoft Basic Render Driver', 'software'],
    ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)', 'hardware'],
    ['Apple M2', 'hardware'],
    ['Apple GPU', 'hardware'],
    ['Mali-G78', 'hardware'],
    ['WebKit WebGL', 'unknown'],
    ['', 'unknown'],
  ] as const)('%s → %s', (renderer, expected) => {
    expect(classifyRenderer(renderer)).toBe(expected);
  });

  it('no context → unavailable', () => {
    expect(classifyRenderer(null)).toBe('unavailable');
    expect(classifyRenderer(undefined)).toBe('unavailable');
  });

  it('short names', () => {
    expect(rendererShortName('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) ...))')).toBe('SwiftShader');
    expect(rendererShortName('llvmpipe (LLVM 15.0.7, 256 bits)')).toBe('llvmpipe');
    expect(rendererShortName('Apple M2')).toBe('Apple M2');
  });
});

describe('parseBackendOverride', () => {
  it.each([
    ['?backend=webgl', 'webgl'],
    ['?backend=wasm', 'wasm'],
    ['?backend=cpu', 'cpu'],
    ['backend=WASM', 'wasm'],
    ['?x=1&backend=%20cpu%20', 'cpu'],
    ['?backend=cpu&backend=wasm', 'wasm'],
    ['?backend=gpu', null],
    ['?backend=auto', null],
    ['?backend=', null],
    ['?other=1', null],
    ['', null],
  ] as const)('%s → %s', (search, expected) => {
    expect(parseBackendOverride(search)).toBe(expected);
  });

  it('accepts URLSearchParams and nothing', () => {
    expect(parseBackendOverride(new URL('https://x.github.io/app/?backend=webgl').searchParams)).toBe('webgl');
    expect(parseBackendOverride(null)).toBeNull();
  });
});

describe('planBackends', () => {
  const probe = (webglRenderer: string | null, extra: Partial<BackendProbe> = {}): BackendProbe => ({ webglRenderer, crossOriginIsolated: false, ...extra });
  const order = (p: ReturnType<typeof planBackends>) => p.map((s) => s.backend);

  it('real GPU → WebGL first, then WASM, then CPU', () => {
    const plan = planBackends(null, probe('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 ...)'));
    expect(order(plan)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(formatReason(plan[0])).toMatch(/^WebGL: the WebGL renderer is a GPU: ANGLE \(NVIDIA/);
  });

  it('SwiftShader → WASM and says why', () => {
    const plan = planBackends(null, probe('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) ...))'));
    expect(order(plan)).toEqual(['wasm', 'cpu']);
    expect(formatReason(plan[0], { simd: true })).toBe(
      'WASM (SIMD): WebGL renderer is SwiftShader (software), which trains ~8× slower than WASM here.',
    );
  });

  it('llvmpipe, hidden renderer and no WebGL → WASM', () => {
    expect(order(planBackends(null, probe('llvmpipe (LLVM 15.0.7, 256 bits)')))).toEqual(['wasm', 'cpu']);
    expect(formatReason(planBackends(null, probe('WebKit WebGL'))[0])).toMatch(/hidden/);
    const none = planBackends(null, probe(null, { webglError: 'no WebGL2 context' }));
    expect(order(none)).toEqual(['wasm', 'cpu']);
    expect(formatReason(none[0], { simd: false })).toBe('WASM (no SIMD): WebGL2 is not available in the worker (no WebGL2 context).');
  });

  it('a forced backend comes first and names the override', () => {
    const cpu = planBackends('cpu', probe('Apple M2'));
    expect(order(cpu)).toEqual(['cpu', 'webgl', 'wasm']);
    expect(formatReason(cpu[0])).toBe('CPU: requested by ?backend=cpu.');

    const webglOnSoftware = planBackends('webgl', probe('Google SwiftShader'));
    expect(order(webglOnSoftware)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(formatReason(webglOnSoftware[0])).toMatch(/^WebGL: requested by \?backend=webgl; note: WebGL renderer is SwiftShader \(software\)/);

    const wasm = planBackends('wasm', probe('Apple M2'));
    expect(order(wasm)).toEqual(['wasm', 'webgl', 'cpu']);
  });

  it('forcing WebGL without WebGL2 falls back and says so', () => {
    const plan = planBackends('webgl', probe(null));
    expect(order(plan)).toEqual(['wasm', 'cpu']);
    expect(formatReason(plan[0], { simd: true })).toMatch(/^WASM \(SIMD\): requested by \?backend=webgl, but WebGL2 is not available/);
  });

  it('labels and failures', () => {
    expect(backendLabel('wasm', { simd: true, threads: true })).toBe('WASM (SIMD, threads)');
    expect(backendLabel('webgl')).toBe('WebGL');
    expect(formatReason({ backend: 'cpu', why: 'x' }, {}, ['WASM failed to start: boom'])).toBe('CPU: x. [WASM failed to start: boom]');
  });

  it('says why WASM runs on one thread', () => {
    const step = { backend: 'wasm' as const, why: 'x' };
    expect(formatReason(step, { simd: true, threads: false, singleThreadWhy: singleThreadWhy(false, 8) })).toBe(
      'WASM (SIMD): x; one thread: the page is not cross-origin isolated (no service worker yet, or it is blocked).',
    );
    expect(formatReason(step, { simd: true, threads: false, singleThreadWhy: singleThreadWhy(true, 2) })).toBe(
      'WASM (SIMD): x; one thread: tfjs uses half of the logical cores, and this machine has 2.',
    );
    // threaded, or not WASM: nothing added
    expect(formatReason(step, { simd: true, threads: true, singleThreadWhy: 'never shown' })).toBe('WASM (SIMD, threads): x.');
    expect(formatReason({ backend: 'cpu', why: 'y' }, { threads: false, singleThreadWhy: 'never shown' })).toBe('CPU: y.');
  });
});
