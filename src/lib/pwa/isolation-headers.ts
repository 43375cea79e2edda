/**
 * The headers that make a page cross-origin isolated (`crossOriginIsolated`, SharedArrayBuffer,
 * and so the threaded tfjs WASM build). GitHub Pages cannot send them, so the service worker
 * adds them to every response it serves (src/sw.ts); the browser honours headers on a response
 * from a service worker as it does on one from the network.
 *
 * COEP is `require-corp`, not `credentialless`: the CSP already confines every request to our
 * own origin, and same-origin resources need no CORP header under `require-corp`, so nothing is
 * given up — while `require-corp` is the one value every isolating browser knows (Safari has no
 * `credentialless`).
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Statuses whose response must have a null body (`new Response(body, …)` throws otherwise). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/**
 * The response with the isolation headers set, body and status untouched. Opaque responses
 * (and opaque redirects) cannot be rebuilt and are returned as they are — the app makes none:
 * its CSP allows only its own origin.
 */
export function withIsolationHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(NULL_BODY_STATUS.has(response.status) ? null : response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
