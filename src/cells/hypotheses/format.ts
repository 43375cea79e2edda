/**
 * Number formatting, decisions and effect-size words for the hypothesis panels (pure, no DOM).
 * p-values are never shown as 0: below 1e-300 the value comes from log10 p ("≈ 7.2 × 10⁻¹⁷⁵⁸").
 */

const SUPERSCRIPT: ReadonlyMap<string, string> = new Map([
  ['0', '⁰'],
  ['1', '¹'],
  ['2', '²'],
  ['3', '³'],
  ['4', '⁴'],
  ['5', '⁵'],
  ['6', '⁶'],
  ['7', '⁷'],
  ['8', '⁸'],
  ['9', '⁹'],
  ['-', '⁻'],
]);

function superscript(n: number): string {
  return String(n)
    .split('')
    .map((c) => SUPERSCRIPT.get(c) ?? c)
    .join('');
}

/** m × 10^e from log10 x, with `digits` significant digits in m (rounding may carry into e). */
function scientific(log10x: number, digits: number): string {
  let e = Math.floor(log10x);
  let m = Number(Math.pow(10, log10x - e).toPrecision(digits));
  if (m >= 10) {
    m /= 10;
    e += 1;
  }
  return `${m} × 10${superscript(e)}`;
}

/**
 * A p-value as text. Above 1e-4: four decimals; down to 1e-300: "1.7 × 10⁻⁶¹"; below (where the
 * double underflows or loses precision): from log10 p, "≈ 7.2 × 10⁻¹⁷⁵⁸", or "< 10⁻³⁰⁰" when
 * log10 p is not known. NaN: "—".
 */
export function formatP(p: number, log10p: number = NaN): string {
  if (Number.isNaN(p) && Number.isNaN(log10p)) return '—';
  if (p >= 1e-4) return p >= 0.99995 ? '1.0000' : p.toFixed(4);
  if (p >= 1e-300) return scientific(Math.log10(p), 2);
  if (Number.isFinite(log10p)) return `≈ ${scientific(log10p, 2)}`;
  return '< 10⁻³⁰⁰';
}

// Made once: `toLocaleString` with options builds a new formatter at every call, and the ranked
// table formats ~400 numbers in one Svelte update (most of its 50–80 ms main-thread task).
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const ALL_DECIMALS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });
const INTEGER = new Intl.NumberFormat('en-US');

/** A statistic / estimate: 4 significant digits, thousands separated, exponents for extremes. */
export function formatStat(x: number, digits = 4): string {
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const ax = Math.abs(x);
  if (ax >= 1e9 || ax < 1e-4) return `${x < 0 ? '−' : ''}${scientific(Math.log10(ax), digits)}`;
  // Large values keep every integer digit (a U of 24,438,883 is not "24,440,000").
  if (ax >= Math.pow(10, digits)) return (x < 0 ? '−' : '') + ONE_DECIMAL.format(ax);
  const s = Number(x.toPrecision(digits));
  const text = ALL_DECIMALS.format(Math.abs(s));
  return (s < 0 ? '−' : '') + text;
}

export function formatInt(n: number): string {
  return Number.isFinite(n) ? INTEGER.format(Math.round(n)) : '—';
}

export function formatPercent(share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '—';
  return `${(100 * share).toFixed(digits)} %`;
}

/** Degrees of freedom: integers as such, Welch's fractional df with one decimal. */
export function formatDf(df: number): string {
  if (Number.isNaN(df)) return '—';
  return Number.isInteger(df) ? formatInt(df) : df.toFixed(1);
}

export function formatCi(ci: readonly [number, number], digits = 3): string {
  if (Number.isNaN(ci[0]) || Number.isNaN(ci[1])) return '—';
  return `[${formatStat(ci[0], digits)}, ${formatStat(ci[1], digits)}]`;
}

export type Decision = 'reject' | 'retain' | 'undetermined';

/** Reject H0 when p < α, compared in logs so that an underflowed p still decides. */
export function decide(p: number, log10p: number, alpha: number): Decision {
  if (!(alpha > 0 && alpha < 1)) return 'undetermined';
  if (p > 0 && Number.isFinite(p)) return p < alpha ? 'reject' : 'retain';
  if (!Number.isNaN(log10p)) return log10p < Math.log10(alpha) ? 'reject' : 'retain';
  return 'undetermined';
}

export function decisionText(d: Decision, alpha: number): string {
  const a = formatAlpha(alpha);
  if (d === 'reject') return `Reject H0 at α = ${a} (p < α).`;
  if (d === 'retain') return `Do not reject H0 at α = ${a} (p ≥ α).`;
  return 'No decision: the test is undefined on these data.';
}

export function formatAlpha(alpha: number): string {
  return Number.isFinite(alpha) ? String(Number(alpha.toPrecision(4))) : '—';
}

/** A user's α: a number strictly between 0 and 1 (returns null otherwise). */
export function parseAlpha(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const a = Number(t);
  return Number.isFinite(a) && a > 0 && a < 1 ? a : null;
}

export type Magnitude = 'negligible' | 'small' | 'medium' | 'large';

/** Cohen's conventions for d / g: 0.2 small, 0.5 medium, 0.8 large. */
export function magnitudeD(d: number): Magnitude | null {
  if (Number.isNaN(d)) return null;
  const a = Math.abs(d);
  return a < 0.2 ? 'negligible' : a < 0.5 ? 'small' : a < 0.8 ? 'medium' : 'large';
}

/** Cramér's V with min(r, c) − 1 = 1 (the label has two classes), and |rank-biserial r|: 0.1 / 0.3 / 0.5. */
export function magnitudeV(v: number): Magnitude | null {
  if (Number.isNaN(v)) return null;
  const a = Math.abs(v);
  return a < 0.1 ? 'negligible' : a < 0.3 ? 'small' : a < 0.5 ? 'medium' : 'large';
}
