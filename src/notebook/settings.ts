/**
 * Notebook-wide settings from the URL. `?autorun=0` stops cells from running by themselves when
 * a dataset loads (the benchmark uses it to time each section from a cold start).
 */
const params = new URLSearchParams(globalThis.location?.search ?? '');

export const AUTO_RUN = params.get('autorun') !== '0';
