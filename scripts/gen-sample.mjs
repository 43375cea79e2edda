#!/usr/bin/env node
/**
 * Deterministic generator for the bundled sample data set (`npm run sample`).
 *
 * Writes, from a fixed seed, a synthetic stand-in for the NSL-KDD intrusion-detection data:
 *   public/datasets/nsl-kdd-sample.csv       25,000 rows (train-like class mix)
 *   public/datasets/nsl-kdd-sample-test.csv   6,000 rows (test-like mix, with novel attacks)
 *   public/datasets/README.md
 *
 * The files use the NSL-KDD schema in the Kaggle layout: a header row, the 41 connection
 * features, then `attack` (label) and `last_flag` (difficulty level 0..21). LF line endings.
 *
 * Nothing here is copied from the real data set. Every row is drawn from per-class
 * conditional distributions (categorical mixes plus parametric shapes: log-normal byte
 * counts, binomial window rates, ...) whose parameters were set by eye from summary
 * statistics of the public files. `scripts/check-sample.py` prints the comparison.
 *
 * Determinism: a seeded xoshiro128** PRNG (seeded through splitmix32), no Math.random,
 * no clock, no locale-dependent formatting; the same bytes on every run and machine.
 * (Math.log/exp/cos are V8's own fdlibm-based software implementations, not the platform's
 * libm, so they give the same doubles everywhere.) Only Node's standard library is used.
 *
 * Usage: node scripts/gen-sample.mjs   (or: npm run sample)
 */

import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SEED = 20090708; // any fixed 32-bit value; the test file uses a different stream
export const TRAIN_ROWS = 25000;
export const TEST_ROWS = 6000;
const TRAIN_STREAM = 1;
const TEST_STREAM = 2;

// ---------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------

function splitmix32(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    t ^= t >>> 15;
    return t >>> 0;
  };
}

class Rng {
  constructor(seed, stream) {
    const sm = splitmix32((seed ^ Math.imul(stream, 0x85ebca6b)) | 0);
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }
  /** xoshiro128**: next 32-bit unsigned integer. */
  next() {
    const t = this.b << 9;
    let r = Math.imul(this.b, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = (this.d << 11) | (this.d >>> 21);
    return r >>> 0;
  }
  /** Uniform in [0, 1). */
  u() {
    return this.next() / 4294967296;
  }
  range(lo, hi) {
    return lo + (hi - lo) * this.u();
  }
  /** Uniform integer in [lo, hi]. */
  int(lo, hi) {
    return lo + Math.floor(this.u() * (hi - lo + 1));
  }
  chance(p) {
    return this.u() < p;
  }
  /** Standard normal (Box–Muller, one value per call). */
  normal() {
    const u1 = 1 - this.u();
    const u2 = this.u();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  gauss(mean, sd) {
    return mean + sd * this.normal();
  }
  /** Log-normal with the given median and log-scale sigma. */
  logn(median, sigma) {
    return median * Math.exp(sigma * this.normal());
  }
  /** Weighted choice from [[value, weight], ...]. */
  pick(table) {
    let total = 0;
    for (const [, w] of table) total += w;
    let x = this.u() * total;
    for (const [v, w] of table) {
      x -= w;
      if (x < 0) return v;
    }
    return table[table.length - 1][0];
  }
  /** Binomial(n, p) draw: exact for small n, normal approximation above. */
  binom(n, p) {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n <= 48) {
      let k = 0;
      for (let i = 0; i < n; i++) if (this.u() < p) k++;
      return k;
    }
    const k = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * this.normal());
    return Math.min(n, Math.max(0, k));
  }
}

// ---------------------------------------------------------------------------------------------
// Schema and formatting
// ---------------------------------------------------------------------------------------------

export const FEATURES = [
  'duration', 'protocol_type', 'service', 'flag', 'src_bytes', 'dst_bytes', 'land',
  'wrong_fragment', 'urgent', 'hot', 'num_failed_logins', 'logged_in', 'num_compromised',
  'root_shell', 'su_attempted', 'num_root', 'num_file_creations', 'num_shells',
  'num_access_files', 'num_outbound_cmds', 'is_host_login', 'is_guest_login', 'count',
  'srv_count', 'serror_rate', 'srv_serror_rate', 'rerror_rate', 'srv_rerror_rate',
  'same_srv_rate', 'diff_srv_rate', 'srv_diff_host_rate', 'dst_host_count',
  'dst_host_srv_count', 'dst_host_same_srv_rate', 'dst_host_diff_srv_rate',
  'dst_host_same_src_port_rate', 'dst_host_srv_diff_host_rate', 'dst_host_serror_rate',
  'dst_host_srv_serror_rate', 'dst_host_rerror_rate', 'dst_host_srv_rerror_rate',
];
export const COLUMNS = [...FEATURES, 'attack', 'last_flag'];
const SYMBOLIC = new Set(['protocol_type', 'service', 'flag', 'attack']);
const RATES = new Set(FEATURES.filter((c) => c.endsWith('_rate')));

function newRow() {
  const row = {};
  for (const c of COLUMNS) row[c] = SYMBOLIC.has(c) ? '' : 0;
  return row;
}

const clamp = (x, lo, hi) => (x < lo ? lo : x > hi ? hi : x);
/** Non-negative integer, clipped to [lo, hi]. */
const ci = (x, lo = 0, hi = Infinity) => clamp(Math.round(x), lo, hi);
/** A rate: clipped to [0, 1], two decimals. */
const cr = (x) => Math.round(clamp(x, 0, 1) * 100) / 100;

function formatRow(row) {
  const out = new Array(COLUMNS.length);
  for (let i = 0; i < COLUMNS.length; i++) {
    const c = COLUMNS[i];
    const v = row[c];
    if (SYMBOLIC.has(c)) out[i] = v;
    else if (RATES.has(c)) out[i] = (Math.round(clamp(v, 0, 1) * 100) / 100).toFixed(2);
    else out[i] = String(Math.max(0, Math.round(v)));
  }
  return out.join(',');
}

// ---------------------------------------------------------------------------------------------
// Shared building blocks
// ---------------------------------------------------------------------------------------------

const SYN_ERR = new Set(['S0', 'S1', 'S2', 'S3', 'SH', 'RSTOS0']);
const REJ_ERR = new Set(['REJ', 'RSTO', 'RSTR']);

/** (self + Binomial(n − 1, p)) / n: the share of a window's n connections with some property. */
function share(r, n, p, self) {
  n = Math.max(1, Math.round(n));
  const k = (self ? 1 : 0) + r.binom(n - 1, clamp(p, 0, 1));
  return k / n;
}

/**
 * The eight error rates. `s`/`e`: SYN-error / REJ-error probability of the other connections
 * in the 2-second windows; `hs`/`he`: the same for the 100-connection dst-host windows
 * (defaults to s/e). Whether the row itself counts comes from its flag, so
 * serror_rate ~ srv_serror_rate ~ dst_host_serror_rate correlate as in the real data.
 */
function errors(r, row, s, e, hs = s, he = e, selfS = SYN_ERR.has(row.flag), selfE = REJ_ERR.has(row.flag)) {
  row.serror_rate = cr(share(r, row.count, s, selfS));
  row.srv_serror_rate = cr(share(r, row.srv_count, s, selfS));
  row.rerror_rate = cr(share(r, row.count, e, selfE));
  row.srv_rerror_rate = cr(share(r, row.srv_count, e, selfE));
  const dh = Math.max(1, row.dst_host_count);
  const dhs = Math.max(1, row.dst_host_srv_count);
  row.dst_host_serror_rate = cr(share(r, dh, hs, selfS && hs > 0.02));
  row.dst_host_srv_serror_rate = cr(share(r, dhs, hs, selfS && hs > 0.02));
  row.dst_host_rerror_rate = cr(share(r, dh, he, selfE && he > 0.02));
  row.dst_host_srv_rerror_rate = cr(share(r, dhs, he, selfE && he > 0.02));
}

/** dst_host_count drawn as a mix of "saturated" (255) and a spread over 1..254. */
function hostCount(r, p255, median, sigma) {
  return r.chance(p255) ? 255 : ci(r.logn(median, sigma), 1, 255);
}

/** Small non-negative rate that is zero with probability pZero. */
function smallRate(r, pZero, median, sigma, max = 1) {
  return r.chance(pZero) ? 0 : cr(clamp(r.logn(median, sigma), 0.01, max));
}

/** Ratio-based dst_host_same_srv_rate with a little jitter. */
function sameSrvFromCounts(r, srv, host, jitter = 0.1) {
  const base = Math.min(1, srv / Math.max(1, host));
  return cr(base < 1 ? base * r.logn(1, jitter) : base);
}

/** Usual traffic block for a single, "quiet" interactive connection. */
function quietWindow(r, row) {
  row.count = r.chance(0.9) ? 1 : r.int(2, 3);
  row.srv_count = r.chance(0.92) ? 1 : r.int(1, 2);
  row.same_srv_rate = row.count === 1 ? 1 : cr(r.pick([[1, 6], [0.5, 3], [0.33, 1]]));
  row.diff_srv_rate = row.same_srv_rate < 1 ? cr(1 - row.same_srv_rate) : 0;
}

// ---------------------------------------------------------------------------------------------
// Level (difficulty, `last_flag`) tables
// ---------------------------------------------------------------------------------------------

const LV = {
  easyNormal: [[21, 90], [20, 5], [19, 1.5], [18, 1.5], [17, 1], [16, 0.3], [15, 0.2], [14, 0.3], [13, 0.1], [12, 0.1]],
  normal: [[21, 70], [20, 12], [18, 8], [19, 4], [17, 2.5], [16, 1], [15, 0.6], [14, 1], [13, 0.3], [12, 0.3], [11, 0.2], [10, 0.2], [9, 0.1]],
  dns: [[18, 55], [21, 33], [20, 6], [19, 6]],
  ftpData: [[20, 36], [21, 30], [17, 10], [19, 9], [18, 8], [16, 3], [15, 1.5], [14, 1], [12, 1], [10, 0.5]],
  oddNormal: [[21, 25], [20, 15], [18, 15], [17, 12], [16, 8], [14, 8], [15, 5], [13, 4], [12, 3], [11, 2], [10, 1.5], [9, 1], [7, 0.5], [5, 0.5], [3, 0.3], [1, 0.2]],
  rejNormal: [[21, 60], [20, 15], [19, 8], [18, 7], [17, 5], [16, 2], [14, 2], [12, 1]],
  neptune: [[21, 30], [20, 24], [19, 20], [18, 17], [17, 4], [16, 2], [15, 1], [14, 0.6], [12, 0.5], [11, 0.4], [13, 0.3]],
  smurf: [[18, 55], [19, 17], [20, 10], [21, 7], [17, 4], [16, 3], [15, 2], [14, 1], [12, 1]],
  probe: [[15, 28], [16, 14], [17, 13], [18, 22], [19, 9], [20, 6], [21, 4], [14, 1.5], [12, 1], [10, 0.6], [8, 0.4], [6, 0.3], [3, 0.2], [0, 0.2]],
  satan: [[20, 25], [18, 20], [17, 15], [19, 11], [15, 10], [21, 8], [16, 4], [13, 3], [11, 1.5], [9, 1], [6, 0.8], [3, 0.5], [0, 0.5]],
  mid: [[12, 20], [13, 16], [11, 15], [10, 10], [15, 10], [14, 8], [16, 6], [9, 5], [17, 4], [8, 3], [7, 2], [5, 1]],
  hard: [[2, 10], [3, 12], [5, 10], [7, 10], [9, 12], [10, 10], [11, 10], [12, 10], [8, 8], [4, 5], [1, 2], [0, 1]],
  veryHard: [[0, 30], [1, 25], [2, 15], [3, 12], [5, 8], [6, 6], [10, 4]],
};

/** In the test file, a share of rows gets a harder level (KDDTest+ is harder overall). */
function level(r, ctx, table) {
  let lv = r.pick(table);
  if (ctx.test && r.chance(0.12)) lv = Math.max(0, lv - r.int(2, 9));
  return lv;
}

// ---------------------------------------------------------------------------------------------
// Normal traffic: one sub-profile per service family
// ---------------------------------------------------------------------------------------------

/** Error-rate block and level for normal rows, by flag. */
function normalErrors(r, row) {
  const f = row.flag;
  if (f === 'SF') {
    if (r.chance(0.09)) errors(r, row, 0, 0, r.range(0, 0.06), r.range(0, 0.05));
    else errors(r, row, 0, 0, 0, 0);
    // a server that was being SYN-flooded at the time: the windows show it
    if (r.chance(0.016)) errors(r, row, r.range(0.2, 1), 0, r.range(0.1, 1), 0, false, false);
  } else if (f === 'REJ') errors(r, row, 0, r.range(0.85, 1), 0, r.range(0.6, 1));
  else if (f === 'RSTO' || f === 'RSTR') errors(r, row, 0, r.range(0.3, 0.9), r.range(0, 0.05), r.range(0, 0.4));
  else if (f === 'OTH') errors(r, row, 0.05, 0, 0.03, 0, false, false);
  else errors(r, row, r.range(0.2, 0.9), 0, r.range(0, 0.3), r.range(0, 0.06));
}

function normalLevel(r, ctx, row, table) {
  if (row.flag === 'REJ') return level(r, ctx, LV.rejNormal);
  if (row.flag !== 'SF') return level(r, ctx, LV.oddNormal);
  return level(r, ctx, table);
}

function nHttp(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'http';
  row.flag = r.pick(ctx.test
    ? [['SF', 960], ['RSTR', 4], ['REJ', 3], ['S1', 1.2], ['S2', 0.8], ['S3', 0.4], ['RSTO', 0.2]]
    : [['SF', 6933], ['REJ', 501], ['S0', 54], ['S1', 41], ['RSTO', 16], ['S2', 12], ['S3', 6], ['OTH', 1]]);
  const f = row.flag;
  const open = f === 'SF' || f === 'S1' || f === 'S2' || f === 'S3' || f === 'RSTR';
  if (open) {
    row.logged_in = f === 'SF' || r.chance(0.8) ? 1 : 0;
    row.duration = r.chance(0.988) ? 0 : ci(r.logn(12, 1.6), 1, 2000);
    row.src_bytes = r.chance(0.95) ? ci(r.logn(238, 0.22), 20) : ci(r.logn(700, 0.9), 20, 60000);
    row.dst_bytes = f !== 'SF' ? (r.chance(0.5) ? 0 : ci(r.logn(800, 1), 0)) : r.chance(0.003) ? ci(r.logn(2e5, 0.8), 0, 2e6) : ci(r.logn(1500, 1.45), 0, 2e6);
    if (r.chance(0.008)) row.hot = r.int(1, 4);
    if (r.chance(0.004)) row.num_access_files = 1;
    if (r.chance(0.0015)) row.root_shell = 1;
    if (r.chance(0.001)) row.num_compromised = r.int(1, 4);
  } else if (f === 'RSTO') {
    row.src_bytes = r.chance(0.5) ? 0 : ci(r.logn(230, 0.3));
  }
  row.count = ci(r.logn(f === 'REJ' ? 3 : 5.5, 1.05), 1, 511);
  row.srv_count = ci(row.count * r.logn(1.35, 0.35), 1, 511);
  row.same_srv_rate = r.chance(0.99) ? 1 : cr(r.range(0.3, 1));
  row.diff_srv_rate = row.same_srv_rate < 1 && r.chance(0.5) ? cr(r.range(0, 0.2)) : 0;
  row.srv_diff_host_rate = r.chance(0.41) ? cr(share(r, row.srv_count, r.range(0.03, 0.5), false) || 0.01) : 0;
  row.dst_host_count = hostCount(r, 0.3, 40, 1.4);
  const d = r.u();
  row.dst_host_srv_count = d < 0.82 ? 255 : d < 0.95 ? r.int(150, 254) : ci(r.logn(30, 1), 1, 255);
  row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count, 0.02);
  row.dst_host_diff_srv_rate = r.chance(0.95) ? 0 : cr(r.range(0.01, 0.1));
  row.dst_host_same_src_port_rate = smallRate(r, 0.36, 0.025, 1.5);
  row.dst_host_srv_diff_host_rate = smallRate(r, 0.35, 0.025, 0.6);
  normalErrors(r, row);
  row.last_flag = normalLevel(r, ctx, row, LV.easyNormal);
}

function nDomainU(r, row, ctx) {
  row.protocol_type = 'udp';
  row.service = 'domain_u';
  row.flag = 'SF';
  row.duration = r.chance(0.96) ? 0 : ci(r.logn(30, 2), 1, 5000);
  row.src_bytes = r.chance(0.96) ? ci(r.logn(44, 0.06), 17) : ci(r.logn(60, 0.45), 17, 300);
  row.dst_bytes = r.chance(0.06) ? 0 : r.chance(0.5) ? ci(r.logn(48, 0.2)) : ci(r.logn(125, 0.12));
  row.count = r.chance(0.2) ? ci(r.logn(3, 0.9), 1, 511) : ci(r.gauss(140, 70), 1, 511);
  row.srv_count = ci(row.count * r.logn(1.2, 0.2), 1, 511);
  row.same_srv_rate = r.chance(0.9) ? 1 : r.chance(0.85) ? cr(r.range(0.85, 0.99)) : cr(r.range(0.1, 0.8));
  row.diff_srv_rate = row.same_srv_rate < 1 ? cr(Math.min(1 - row.same_srv_rate, r.range(0.01, 0.05))) : 0;
  const sd = r.u();
  row.srv_diff_host_rate = sd < 0.39 ? 0 : sd < 0.8 ? cr(r.range(0.01, 0.03)) : cr(r.range(0.1, 1));
  row.dst_host_count = r.chance(0.76) ? 255 : ci(255 * r.u() ** 0.7, 1, 254);
  row.dst_host_srv_count = ci(255 - r.logn(6, 1.6), 1, 255);
  row.dst_host_same_srv_rate = cr(Math.min(row.dst_host_srv_count / row.dst_host_count, 1) - r.logn(0.015, 0.8));
  row.dst_host_diff_srv_rate = r.chance(0.23) ? 0 : cr(r.logn(0.01, 0.4));
  row.dst_host_same_src_port_rate = smallRate(r, 0.64, 0.05, 1.6);
  row.dst_host_srv_diff_host_rate = smallRate(r, 0.94, 0.02, 1);
  errors(r, row, 0, 0, r.chance(0.01) ? 0.05 : 0, r.chance(0.03) ? 0.05 : 0);
  row.last_flag = level(r, ctx, LV.dns);
}

function nSmtp(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'smtp';
  row.flag = r.pick([['SF', 1352], ['S0', 19], ['S1', 8], ['RSTO', 6], ['S3', 3], ['S2', 2]]);
  if (row.flag !== 'S0') {
    row.logged_in = row.flag === 'RSTO' && r.chance(0.5) ? 0 : 1;
    row.duration = r.chance(0.55) ? 0 : ci(r.logn(2.5, 1), 1, 400);
    row.src_bytes = r.chance(0.97) ? ci(r.logn(1250, 0.55), 100) : ci(r.logn(12000, 1.3), 100, 3e5);
    row.dst_bytes = r.chance(0.9) ? ci(r.logn(332, 0.06)) : ci(r.logn(550, 0.7), 0, 5000);
    if (r.chance(0.012)) row.num_file_creations = r.int(1, 2);
    if (r.chance(0.012)) row.num_access_files = r.int(1, 2);
    if (r.chance(0.004)) row.num_root = r.int(1, 2);
  }
  row.count = r.chance(0.9) ? 1 : r.chance(0.8) ? r.int(2, 3) : ci(r.logn(6, 1.2), 1, 511);
  row.srv_count = r.chance(0.6) ? 1 : ci(1 + r.logn(1.2, 0.6), 1, 30);
  row.same_srv_rate = row.count === 1 || r.chance(0.6) ? 1 : cr(r.range(0.2, 0.9));
  row.diff_srv_rate = row.same_srv_rate < 1 ? cr(1 - row.same_srv_rate) : 0;
  const sd = r.u();
  row.srv_diff_host_rate = row.srv_count === 1 || sd < 0.35 ? 0 : sd < 0.92 ? 1 : cr(r.range(0.3, 0.9));
  row.dst_host_count = r.chance(0.14) ? 255 : ci(255 * r.u() ** 0.85, 1, 254);
  row.dst_host_srv_count = ci(r.gauss(130, 55), 1, 255);
  row.dst_host_same_srv_rate = cr(r.gauss(0.62, 0.2));
  row.dst_host_diff_srv_rate = r.chance(0.04) ? 0 : cr(r.logn(0.04, 0.8));
  row.dst_host_same_src_port_rate = smallRate(r, 0.25, 0.015, 1.2);
  row.dst_host_srv_diff_host_rate = smallRate(r, 0.32, 0.012, 0.5);
  normalErrors(r, row);
  row.last_flag = normalLevel(r, ctx, row, LV.normal);
}

function nFtpData(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'ftp_data';
  row.flag = r.pick([['SF', 990], ['S1', 5], ['S3', 4], ['S2', 2]]);
  row.duration = r.chance(0.95) ? 0 : ci(r.logn(30, 2), 1, 6000);
  const big = r.u();
  // a few popular files are fetched again and again: the same large size recurs
  row.src_bytes = big < 0.012 ? 0 : big < 0.05 ? 2193180 : big < 0.07 ? ci(r.logn(6e5, 0.6), 1, 5.2e6) : ci(r.logn(950, 2.3), 1, 1e6);
  row.dst_bytes = r.chance(0.99) ? 0 : ci(r.logn(3e4, 2.5), 0, 5.2e6);
  row.logged_in = r.chance(0.67) ? 1 : 0;
  if (r.chance(0.09)) row.num_root = ci(r.logn(3, 0.7), 1, 12);
  if (r.chance(0.01)) row.num_file_creations = r.int(1, 2);
  if (r.chance(0.008)) row.num_shells = 1;
  row.count = ci(r.logn(2.5, 1.15), 1, 511);
  row.srv_count = clamp(ci(row.count * r.logn(0.95, 0.15), 1, 511), 1, 40);
  row.same_srv_rate = r.chance(0.97) ? 1 : cr(r.range(0.05, 0.9));
  row.diff_srv_rate = row.same_srv_rate < 1 ? cr(1 - row.same_srv_rate) : 0;
  row.srv_diff_host_rate = r.chance(0.92) ? 0 : cr(r.range(0.1, 1));
  row.dst_host_count = r.chance(0.12) ? 255 : ci(255 * r.u() ** 0.85, 1, 254);
  row.dst_host_srv_count = ci(r.gauss(60, 33), 1, 255);
  row.dst_host_same_srv_rate = r.chance(0.05) ? 1 : cr(clamp(r.gauss(0.35, 0.2), 0.01, 1));
  row.dst_host_same_src_port_rate = cr(row.dst_host_same_srv_rate + r.pick([[0, 6], [-0.01, 2], [0.01, 2]]));
  row.dst_host_diff_srv_rate = r.chance(0.04) ? 0 : cr(r.logn(0.045, 0.8));
  row.dst_host_srv_diff_host_rate = smallRate(r, 0.46, 0.02, 0.6);
  normalErrors(r, row);
  row.last_flag = normalLevel(r, ctx, row, LV.ftpData);
}

function nOther(r, row, ctx) {
  row.service = 'other';
  if (r.chance(0.886)) {
    row.protocol_type = 'udp';
    row.flag = 'SF';
    row.duration = r.chance(0.35) ? 0 : ci(r.logn(2200, 1.1), 1, 30000);
    const m = r.u();
    row.src_bytes = m < 0.78 ? r.int(145, 147) : m < 0.9 ? ci(r.logn(520, 0.9)) : r.int(1, 60);
    row.dst_bytes = r.chance(0.22) ? 0 : r.chance(0.9) ? 105 : r.int(40, 147);
  } else {
    row.protocol_type = 'tcp';
    row.flag = r.pick([['SF', 52], ['REJ', 6], ['S1', 1]]);
    row.logged_in = row.flag === 'SF' && r.chance(0.75) ? 1 : 0;
    row.duration = r.chance(0.7) ? 0 : ci(r.logn(30, 2), 1, 30000);
    row.src_bytes = row.flag === 'REJ' ? 0 : ci(r.logn(2000, 1.5), 0, 5e5);
    row.dst_bytes = row.flag === 'REJ' || r.chance(0.8) ? 0 : ci(r.logn(200, 1.2));
    if (r.chance(0.08)) row.num_file_creations = r.int(1, 2);
  }
  const big = r.chance(0.13);
  row.count = big ? ci(r.gauss(300, 120), 20, 511) : ci(r.logn(2.5, 0.8), 1, 30);
  row.srv_count = big ? ci(row.count * r.range(0.8, 1), 1, 511) : r.chance(0.8) ? 1 : r.int(2, 4);
  row.same_srv_rate = big || r.chance(0.45) ? cr(r.range(0.97, 1)) : cr(r.range(0.04, 0.6));
  row.diff_srv_rate = row.same_srv_rate < 0.9 ? cr((1 - row.same_srv_rate) * r.range(0.6, 1)) : 0;
  row.dst_host_count = r.chance(0.75) ? 255 : ci(r.logn(100, 1), 1, 254);
  row.dst_host_srv_count = big ? r.int(150, 255) : r.int(1, 4);
  row.dst_host_same_srv_rate = big ? cr(r.range(0.8, 1)) : r.chance(0.45) ? 0 : cr(row.dst_host_srv_count / row.dst_host_count);
  row.dst_host_diff_srv_rate = big ? 0 : cr(r.gauss(0.56, 0.18));
  row.dst_host_same_src_port_rate = cr(1 - r.logn(0.06, 1.1));
  normalErrors(r, row);
  row.last_flag = normalLevel(r, ctx, row, LV.normal);
}

function nTelnet(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'telnet';
  row.flag = r.pick([['SF', 169], ['S1', 21], ['RSTO', 14], ['RSTR', 3], ['S0', 2]]);
  if (row.flag !== 'S0') {
    row.duration = r.chance(0.1) ? 0 : ci(r.logn(250, 2.3), 1, 30000);
    row.src_bytes = r.chance(0.06) ? 0 : ci(r.logn(200, 1.1), 1, 20000);
    row.dst_bytes = r.chance(0.04) ? 0 : ci(r.logn(5000, 2), 1, 2e6);
    row.logged_in = r.chance(0.9) ? 1 : 0;
    if (r.chance(0.05)) row.hot = ci(r.logn(4, 1.5), 1, 100);
    if (r.chance(0.04)) row.num_failed_logins = r.int(1, 3);
    if (row.logged_in && r.chance(0.38)) {
      // administrators at work: root activity scales with the amount of "compromised" conditions
      const admin = r.chance(0.4);
      row.num_compromised = admin && r.chance(0.15) ? ci(r.logn(650, 0.4), 100, 1000) : ci(r.logn(2, 1.2), 1, 60);
      if (admin) {
        row.num_root = ci(row.num_compromised * r.logn(1.1, 0.1), 1, 1000);
        row.su_attempted = r.chance(0.6) ? r.int(1, 2) : 0;
        row.root_shell = r.chance(0.5) ? 1 : 0;
        if (r.chance(0.5)) row.num_access_files = ci(1 + Math.log2(1 + row.num_compromised), 1, 10);
      }
      if (r.chance(0.3)) row.num_file_creations = ci(r.logn(2, 1.2), 1, 40);
    }
    if (r.chance(0.004)) row.urgent = 1;
  }
  quietWindow(r, row);
  row.dst_host_count = r.chance(0.3) ? 255 : ci(r.logn(60, 1.4), 1, 254);
  row.dst_host_srv_count = ci(r.logn(8, 1.2), 1, 255);
  row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count, 0.3);
  row.dst_host_diff_srv_rate = r.chance(0.07) ? 0 : cr(r.logn(0.05, 0.9));
  row.dst_host_same_src_port_rate = smallRate(r, 0.37, 0.02, 1.8);
  row.dst_host_srv_diff_host_rate = r.chance(0.79) ? 0 : cr(r.range(0.1, 1));
  // telnet shares its servers with SYN-flood victims: elevated dst-host SYN-error rates
  const dhs = r.chance(0.5) ? 0 : r.range(0, 0.8);
  errors(r, row, 0, 0, dhs, r.chance(0.7) ? 0 : r.range(0, 0.1));
  if (row.flag !== 'SF') {
    const f = row.flag;
    const s = SYN_ERR.has(f) ? r.range(0.5, 1) : 0;
    const e = REJ_ERR.has(f) ? r.range(0.5, 1) : 0;
    row.serror_rate = row.srv_serror_rate = cr(s);
    row.rerror_rate = row.srv_rerror_rate = cr(e);
  }
  row.last_flag = level(r, ctx, LV.oddNormal);
}

function nPrivateUdp(r, row, ctx) {
  // SNMP-style request/response on a private UDP port
  row.protocol_type = 'udp';
  row.service = 'private';
  row.flag = 'SF';
  row.duration = r.chance(0.8) ? 0 : r.int(1, 25);
  row.src_bytes = r.pick([[105, 90], [0, 1.5], [207, 3], [103, 2], [146, 2]]);
  row.dst_bytes = r.chance(0.12) ? 0 : r.pick([[146, 40], [147, 30], [145, 20], [105, 5], [207, 3]]);
  row.count = ci(r.logn(2, 0.8), 1, 12);
  row.srv_count = r.chance(0.66) ? 1 : 2;
  row.same_srv_rate = row.count === 1 || r.chance(0.5) ? 1 : cr(row.srv_count / row.count);
  row.diff_srv_rate = row.same_srv_rate < 1 ? cr((1 - row.same_srv_rate) * r.range(0.5, 1)) : 0;
  row.dst_host_count = r.chance(0.5) ? 255 : ci(r.logn(60, 1.2), 1, 254);
  row.dst_host_srv_count = ci(Math.min(row.dst_host_count, 255 - r.logn(25, 1.3)) * r.range(0.85, 1), 1, 255);
  row.dst_host_same_srv_rate = cr(r.gauss(0.9, 0.06));
  row.dst_host_diff_srv_rate = r.chance(0.08) ? 0 : cr(r.logn(0.012, 0.6));
  row.dst_host_same_src_port_rate = smallRate(r, 0.29, 0.015, 1.4);
  errors(r, row, 0, 0, 0, 0);
  row.last_flag = level(r, ctx, [[18, 40], [21, 35], [20, 15], [19, 5], [17, 3], [10, 1], [5, 1]]);
}

function nFtp(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'ftp';
  row.flag = r.chance(0.977) ? 'SF' : 'RSTO';
  row.duration = r.chance(0.03) ? ci(r.logn(150, 1.3), 1, 1000) : ci(r.gauss(27, 4), 1, 60);
  // three session styles (anonymous listing, short get, longer session)
  const m = r.u();
  if (m < 0.35) {
    row.src_bytes = ci(r.logn(260, 0.12));
    row.dst_bytes = ci(r.logn(850, 0.12));
    row.hot = r.int(4, 6);
  } else if (m < 0.6) {
    row.src_bytes = ci(r.logn(900, 0.15));
    row.dst_bytes = ci(r.logn(2590, 0.12));
    row.hot = r.int(17, 19);
  } else {
    row.src_bytes = ci(r.gauss(1480, 45));
    row.dst_bytes = ci(r.gauss(4150, 30));
    row.hot = r.int(29, 30);
  }
  row.logged_in = 1;
  row.is_guest_login = r.chance(0.96) ? 1 : 0;
  if (r.chance(0.02)) row.num_failed_logins = 1;
  quietWindow(r, row);
  row.dst_host_count = r.chance(0.15) ? 255 : ci(r.logn(120, 0.9), 1, 254);
  row.dst_host_srv_count = ci(r.gauss(35, 18), 1, 255);
  row.dst_host_same_srv_rate = cr(clamp(r.logn(0.23, 0.45), 0.01, 1));
  row.dst_host_diff_srv_rate = r.chance(0.03) ? 0 : cr(r.logn(0.04, 0.8));
  row.dst_host_same_src_port_rate = smallRate(r, 0.38, 0.012, 1.5);
  normalErrors(r, row);
  row.last_flag = normalLevel(r, ctx, row, [[20, 35], [19, 20], [21, 25], [18, 14], [17, 3], [15, 1.5], [12, 1.5]]);
}

function nIcmp(r, row, ctx, service) {
  row.protocol_type = 'icmp';
  row.service = service;
  row.flag = 'SF';
  if (service === 'urp_i') {
    row.src_bytes = r.pick([[78, 35], [127, 20], [182, 20], [183, 15], [63, 10]]);
    row.count = ci(r.logn(6, 1), 1, 60);
    row.srv_count = clamp(ci(r.logn(2, 0.8), 1, 20), 1, row.count);
    row.same_srv_rate = cr(row.srv_count / row.count);
    row.diff_srv_rate = cr((1 - row.same_srv_rate) * r.range(0.7, 1));
    row.dst_host_count = r.chance(0.9) ? 255 : ci(r.logn(60, 1.2), 1, 254);
    row.dst_host_srv_count = ci(r.logn(17, 0.6), 1, 255);
    row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count, 0.25);
    row.dst_host_diff_srv_rate = 0.01;
    row.dst_host_same_src_port_rate = cr(row.dst_host_same_srv_rate * r.range(1, 1.6));
    row.last_flag = level(r, ctx, [[18, 35], [19, 35], [21, 15], [20, 15]]);
  } else {
    row.src_bytes = service === 'eco_i' ? (r.chance(0.95) ? 30 : 64) : r.pick([[30, 65], [64, 28], [20, 7]]);
    row.count = r.chance(0.75) ? 1 : ci(r.logn(3, 0.8), 1, 15);
    row.srv_count = r.chance(0.85) ? 1 : r.int(2, 4);
    row.same_srv_rate = row.count === 1 || r.chance(0.3) ? 1 : cr(Math.min(1, row.srv_count / row.count));
    row.diff_srv_rate = row.same_srv_rate < 1 ? cr(1 - row.same_srv_rate) : 0;
    row.dst_host_count = r.chance(0.35) ? 255 : ci(r.logn(60, 1.5), 1, 254);
    const host = r.chance(0.5);
    row.dst_host_srv_count = host ? ci(r.logn(6, 1), 1, 20) : ci(r.gauss(140, 60), 1, 255);
    row.dst_host_same_srv_rate = host ? cr(r.logn(0.02, 0.7)) : cr(r.range(0.95, 1));
    row.dst_host_diff_srv_rate = smallRate(r, 0.55, 0.015, 0.8);
    row.dst_host_same_src_port_rate = cr(row.dst_host_same_srv_rate + r.range(0, 0.05));
    row.dst_host_srv_diff_host_rate = r.chance(0.6) ? 0 : cr(r.range(0.2, 0.5));
    row.last_flag = level(r, ctx, [[17, 20], [19, 25], [20, 30], [21, 10], [18, 8], [16, 4], [14, 3]]);
  }
  errors(r, row, 0, 0, r.chance(0.03) ? r.range(0, 0.3) : 0, 0);
}

const MISC_NORMAL = [
  // [service, protocol, weight]
  ['auth', 'tcp', 41], ['IRC', 'tcp', 40], ['pop_3', 'tcp', 34], ['ntp_u', 'udp', 32],
  ['time', 'tcp', 20], ['X11', 'tcp', 19], ['domain', 'tcp', 9], ['urh_i', 'icmp', 4],
  ['red_i', 'icmp', 3], ['shell', 'tcp', 1],
];
const MISC_PICK = MISC_NORMAL.map(([s, p, w]) => [[s, p], w]);

function nMisc(r, row, ctx) {
  const [service, proto] = r.pick(MISC_PICK);
  row.protocol_type = proto;
  row.service = service;
  row.flag = proto !== 'tcp' ? 'SF' : r.pick([['SF', 120], ['RSTR', 24], ['S1', 8], ['REJ', 8], ['RSTO', 3], ['S3', 2], ['S0', 2], ['S2', 1]]);
  const ok = row.flag !== 'REJ' && row.flag !== 'S0';
  if (service === 'ntp_u') {
    row.src_bytes = 48;
    row.dst_bytes = 48;
  } else if (service === 'auth') {
    row.src_bytes = ok ? r.int(5, 12) : 0;
    row.dst_bytes = ok && r.chance(0.8) ? r.int(20, 45) : 0;
  } else if (service === 'IRC' || service === 'X11') {
    row.duration = ok ? ci(r.logn(3000, 1.3), 1, 30000) : 0;
    row.src_bytes = ok ? ci(r.logn(3000, 1.8), 1, 8e6) : 0;
    row.dst_bytes = ok ? ci(r.logn(8000, 1.6), 1, 1.5e6) : 0;
    row.logged_in = ok ? 1 : 0;
  } else if (service === 'pop_3') {
    row.src_bytes = ok ? ci(r.logn(32, 0.3)) : 0;
    row.dst_bytes = ok ? ci(r.logn(400, 1.5)) : 0;
    row.logged_in = ok ? 1 : 0;
  } else if (proto === 'icmp') {
    row.src_bytes = r.int(20, 100);
  } else {
    row.src_bytes = ok ? ci(r.logn(40, 1.2)) : 0;
    row.dst_bytes = ok ? ci(r.logn(60, 1.5)) : 0;
    row.logged_in = ok && r.chance(0.5) ? 1 : 0;
  }
  row.count = r.chance(0.85) ? 1 : ci(r.logn(3, 1.2), 1, 250);
  row.srv_count = r.chance(0.9) ? 1 : r.int(2, 7);
  row.same_srv_rate = row.count === 1 || r.chance(0.3) ? 1 : cr(Math.min(1, row.srv_count / row.count));
  row.diff_srv_rate = row.same_srv_rate < 1 ? cr((1 - row.same_srv_rate) * r.range(0.5, 1)) : 0;
  row.dst_host_count = r.chance(0.15) ? 255 : ci(r.logn(70, 1.2), 1, 254);
  row.dst_host_srv_count = ci(r.logn(9, 1), 1, 255);
  row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count, 0.4);
  row.dst_host_diff_srv_rate = smallRate(r, 0.17, 0.04, 0.9);
  row.dst_host_same_src_port_rate = smallRate(r, 0.17, 0.03, 1.4);
  row.dst_host_srv_diff_host_rate = r.chance(0.79) ? 0 : cr(r.range(0.05, 1));
  normalErrors(r, row);
  row.last_flag = normalLevel(r, ctx, row, LV.normal);
}

const NORMAL_TRAIN = [
  ['http', 7564], ['domain_u', 1817], ['smtp', 1390], ['ftp_data', 1001], ['other', 519],
  ['telnet', 209], ['private', 199], ['ftp', 176], ['urp_i', 123], ['finger', 117],
  ['eco_i', 93], ['ecr_i', 38], ['misc', 203],
];
const NORMAL_TEST = [
  ['http', 6673], ['domain_u', 892], ['private', 852], ['smtp', 618], ['ftp_data', 320],
  ['other', 65], ['ftp', 48], ['ecr_i', 48], ['finger', 47], ['telnet', 44], ['eco_i', 26],
  ['urp_i', 18], ['misc', 60],
];

function nFinger(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'finger';
  row.flag = r.pick([['SF', 111], ['S0', 3], ['RSTO', 1], ['S1', 1], ['RSTR', 1]]);
  if (row.flag !== 'S0') {
    row.src_bytes = r.chance(0.03) ? 0 : ci(r.gauss(8, 1.6), 1, 15);
    row.dst_bytes = r.chance(0.15) ? 0 : ci(r.logn(180, 0.5), 1, 1000);
    row.duration = r.chance(0.86) ? 0 : ci(r.logn(2, 1), 1, 30);
  }
  if (r.chance(0.008)) row.land = 1;
  row.count = r.chance(0.85) ? 1 : r.int(2, 6);
  row.srv_count = r.chance(0.95) ? 1 : r.int(2, 4);
  row.same_srv_rate = row.count === 1 || r.chance(0.4) ? 1 : cr(1 / row.count);
  row.diff_srv_rate = row.same_srv_rate < 1 ? cr(1 - row.same_srv_rate) : 0;
  row.dst_host_count = r.chance(0.15) ? 255 : ci(r.logn(110, 1), 1, 254);
  row.dst_host_srv_count = ci(r.logn(8, 0.6), 1, 255);
  row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count, 0.3);
  row.dst_host_diff_srv_rate = smallRate(r, 0.03, 0.04, 0.7);
  row.dst_host_same_src_port_rate = smallRate(r, 0.31, 0.015, 1.6);
  row.dst_host_srv_diff_host_rate = r.chance(0.44) ? 0 : cr(r.range(0.05, 0.45));
  normalErrors(r, row);
  if (row.flag === 'SF' && r.chance(0.2)) {
    row.dst_host_serror_rate = cr(r.logn(0.03, 1.2));
    row.dst_host_srv_serror_rate = cr(row.dst_host_serror_rate * r.range(0.5, 2));
  }
  row.last_flag = normalLevel(r, ctx, row, LV.normal);
}

/** Concept drift for normal rows of the test file: a different host population and history. */
function drift(r, row) {
  row.dst_host_count = r.chance(0.3) ? 255 : r.int(1, 254);
  row.dst_host_srv_count = r.int(1, 255);
  row.dst_host_same_srv_rate = cr(r.chance(0.5) ? row.dst_host_srv_count / 255 : r.u());
  row.dst_host_diff_srv_rate = cr(r.chance(0.5) ? 0 : r.logn(0.05, 1.2));
  row.dst_host_same_src_port_rate = cr(r.chance(0.5) ? 0 : r.u() ** 2);
  row.dst_host_srv_diff_host_rate = cr(r.chance(0.6) ? 0 : r.logn(0.05, 1.2));
  if (r.chance(0.25)) {
    row.count = ci(r.logn(10, 1.2), 1, 511);
    row.srv_count = ci(r.logn(10, 1.2), 1, 511);
  }
}

function normal(r, row, ctx) {
  const kind = r.pick(ctx.test ? NORMAL_TEST : NORMAL_TRAIN);
  switch (kind) {
    case 'http': return nHttp(r, row, ctx);
    case 'domain_u': return nDomainU(r, row, ctx);
    case 'smtp': return nSmtp(r, row, ctx);
    case 'ftp_data': return nFtpData(r, row, ctx);
    case 'other': return nOther(r, row, ctx);
    case 'telnet': return nTelnet(r, row, ctx);
    case 'private': return nPrivateUdp(r, row, ctx);
    case 'ftp': return nFtp(r, row, ctx);
    case 'finger': return nFinger(r, row, ctx);
    case 'urp_i': case 'eco_i': case 'ecr_i': return nIcmp(r, row, ctx, kind);
    default: return nMisc(r, row, ctx);
  }
}

// ---------------------------------------------------------------------------------------------
// DoS
// ---------------------------------------------------------------------------------------------

/** TCP services hit by SYN floods and port scans (besides `private`). */
const TCP_TARGETS = [
  ['telnet', 252], ['ftp_data', 249], ['finger', 238], ['http', 238], ['Z39_50', 170],
  ['courier', 163], ['uucp', 155], ['auth', 148], ['bgp', 143], ['whois', 138], ['imap4', 131],
  ['uucp_path', 129], ['time', 127], ['iso_tsap', 127], ['ctf', 124], ['nnsp', 122],
  ['http_443', 109], ['supdup', 109], ['csnet_ns', 108], ['vmnet', 107], ['efs', 107],
  ['daytime', 105], ['discard', 101], ['ftp', 100], ['gopher', 100], ['domain', 99],
  ['hostnames', 94], ['klogin', 91], ['name', 88], ['exec', 88], ['ldap', 87], ['mtp', 86],
  ['systat', 85], ['netbios_dgm', 83], ['link', 82], ['login', 79], ['netstat', 77],
  ['netbios_ns', 73], ['sunrpc', 66], ['kshell', 64], ['netbios_ssn', 64], ['echo', 61],
  ['nntp', 57], ['ssh', 53], ['smtp', 49], ['sql_net', 41], ['rje', 17], ['pop_2', 16],
  ['pop_3', 14], ['remote_job', 13], ['printer', 12], ['shell', 10], ['other', 4],
];
const TCP_SCAN_TARGETS = TCP_TARGETS.map(([s]) => [s, 1]);

function neptune(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = r.chance(ctx.test ? 0.62 : 0.366) ? 'private' : r.pick(TCP_TARGETS);
  row.flag = r.pick([['S0', 6900], ['REJ', 1142], ['RSTO', 240]]);
  row.count = r.chance(0.015) ? r.int(1, 20) : ci(r.gauss(180, 80), 1, 511);
  row.srv_count = r.chance(0.03) ? ci(r.logn(40, 0.8), 1, row.count) : clamp(ci(r.gauss(11, 6.5), 1, 511), 1, Math.max(1, row.count));
  row.same_srv_rate = r.chance(0.02) ? 1 : cr((row.srv_count / row.count) * r.logn(1, 0.15));
  row.diff_srv_rate = r.chance(0.01) ? 0 : cr(r.gauss(0.064, 0.014));
  row.srv_diff_host_rate = r.chance(0.99) ? 0 : cr(r.range(0.05, 1));
  row.dst_host_count = r.chance(0.96) ? 255 : r.int(2, 254);
  row.dst_host_srv_count = clamp(ci(r.chance(0.02) ? r.logn(60, 0.7) : r.gauss(13, 7), 1, 255), 1, row.dst_host_count);
  row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count, 0.15);
  row.dst_host_diff_srv_rate = cr(r.gauss(0.066, 0.012));
  row.dst_host_same_src_port_rate = r.chance(0.92) ? 0 : cr(r.logn(0.01, 1));
  if (r.chance(0.01)) row.dst_host_srv_diff_host_rate = cr(r.range(0.01, 0.6));
  if (row.flag === 'S0') errors(r, row, 0.997, 0, 0.995, 0);
  else errors(r, row, 0, 0.997, 0, 0.995);
  row.last_flag = level(r, ctx, LV.neptune);
}

function smurf(r, row, ctx) {
  row.protocol_type = 'icmp';
  row.service = 'ecr_i';
  row.flag = 'SF';
  row.src_bytes = r.chance(0.735) ? 1032 : 520;
  row.count = r.chance(0.4) ? 511 : ci(1 + 510 * r.u() ** 0.65, 1, 511);
  row.srv_count = row.count;
  row.same_srv_rate = 1;
  row.dst_host_count = r.chance(0.78) ? 255 : r.int(5, 254);
  row.dst_host_srv_count = r.chance(0.27) ? 255 : ci(2 + 253 * r.u() ** 1.25, 1, 255);
  row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count, 0.05);
  row.dst_host_same_src_port_rate = row.dst_host_same_srv_rate;
  row.dst_host_diff_srv_rate = smallRate(r, 0.39, 0.015, 1, 0.3);
  errors(r, row, 0, 0, r.chance(0.19) ? r.logn(0.02, 1) : 0, r.chance(0.18) ? r.logn(0.02, 1.2) : 0);
  row.dst_host_srv_serror_rate = 0;
  row.dst_host_srv_rerror_rate = 0;
  row.last_flag = level(r, ctx, LV.smurf);
}

function back(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'http';
  row.flag = r.pick([['SF', 169], ['RSTR', 23], ['S2', 3], ['S1', 1]]);
  row.duration = r.chance(0.96) ? 0 : r.int(1, 13);
  const s = r.u();
  row.src_bytes = s < 0.92 ? 54540 : s < 0.94 ? 54060 : r.int(20000, 50000);
  row.dst_bytes = r.chance(0.01) ? 0 : r.int(8310, 8320);
  row.logged_in = 1;
  row.hot = r.pick([[2, 86], [1, 11], [0, 3]]);
  row.num_compromised = row.hot > 0 && r.chance(0.9) ? 1 : 0;
  row.count = ci(r.logn(3, 0.5), 1, 12);
  row.srv_count = ci(row.count + r.int(0, 2), 1, 12);
  row.same_srv_rate = r.chance(0.98) ? 1 : 0.75;
  row.srv_diff_host_rate = r.chance(0.78) ? 0 : cr(r.pick([[0.5, 3], [0.33, 1], [1, 1]]));
  row.dst_host_count = r.chance(0.28) ? 255 : ci(r.logn(80, 1.2), 1, 254);
  row.dst_host_srv_count = row.dst_host_count;
  row.dst_host_same_srv_rate = 1;
  row.dst_host_same_src_port_rate = r.chance(0.39) ? 0 : cr(r.logn(0.012, 0.7));
  errors(r, row, r.chance(0.04) ? 0.3 : 0, row.flag === 'RSTR' ? 0.35 : r.chance(0.2) ? 0.2 : 0, r.chance(0.18) ? 0.01 : 0, 0);
  row.dst_host_rerror_rate = row.dst_host_srv_rerror_rate = r.chance(0.04) ? 0 : cr(clamp(r.logn(0.045, 0.8), 0.01, 0.5));
  row.last_flag = level(r, ctx, [[12, 25], [11, 18], [13, 15], [10, 10], [16, 8], [14, 8], [15, 6], [17, 4], [9, 3], [7, 2], [5, 1]]);
}

function teardrop(r, row, ctx) {
  row.protocol_type = 'udp';
  row.service = 'private';
  row.flag = 'SF';
  row.src_bytes = 28;
  row.wrong_fragment = r.chance(0.99) ? 3 : 1;
  row.count = ci(r.gauss(56, 32), 1, 192);
  row.srv_count = clamp(ci(row.count * r.range(0.75, 1), 1, 99), 1, row.count);
  row.same_srv_rate = r.chance(0.8) ? 1 : cr(r.range(0.9, 1));
  row.diff_srv_rate = row.same_srv_rate < 1 ? cr(r.range(0.01, 0.07)) : 0;
  row.dst_host_count = r.chance(0.55) ? 255 : r.int(76, 254);
  row.dst_host_srv_count = clamp(ci(row.srv_count * r.logn(1.1, 0.2), 1, 255), 1, row.dst_host_count);
  row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count, 0.05);
  row.dst_host_same_src_port_rate = row.dst_host_same_srv_rate;
  const busy = r.chance(0.4);
  row.dst_host_diff_srv_rate = busy ? cr(r.range(0.3, 0.99)) : cr(r.range(0.01, 0.03));
  errors(r, row, r.chance(0.12) ? r.range(0, 1) : 0, 0, busy ? r.range(0, 0.09) : 0, busy ? r.range(0.4, 0.9) : 0);
  row.srv_serror_rate = row.dst_host_srv_serror_rate = row.dst_host_srv_rerror_rate = 0;
  row.last_flag = level(r, ctx, [[15, 35], [12, 20], [16, 15], [18, 12], [19, 8], [13, 5], [17, 5]]);
}

function pod(r, row, ctx) {
  row.protocol_type = 'icmp';
  row.service = r.chance(0.95) ? 'ecr_i' : 'tim_i';
  row.flag = 'SF';
  row.src_bytes = r.chance(0.92) ? 1480 : r.pick([[564, 1], [1000, 1]]);
  row.wrong_fragment = r.chance(0.95) ? 1 : 0;
  row.count = ci(r.logn(4, 0.8), 1, 20);
  row.srv_count = ci(row.count + r.int(0, 2), 1, 20);
  row.same_srv_rate = 1;
  row.srv_diff_host_rate = r.chance(0.58) ? 0 : cr(r.pick([[0.5, 2], [0.67, 1], [0.33, 1]]));
  const flood = r.chance(0.45);
  row.dst_host_count = flood ? 255 : r.int(1, 6);
  row.dst_host_srv_count = flood ? r.int(148, 156) : ci(row.dst_host_count + r.int(0, 12), 1, 255);
  row.dst_host_same_srv_rate = flood ? cr(row.dst_host_srv_count / 255) : r.chance(0.5) ? 1 : cr(r.range(0.01, 0.06));
  row.dst_host_same_src_port_rate = row.dst_host_same_srv_rate;
  row.dst_host_diff_srv_rate = smallRate(r, 0.39, 0.03, 1, 0.67);
  row.dst_host_srv_diff_host_rate = r.chance(0.53) ? 0 : cr(r.range(0.05, 0.54));
  errors(r, row, 0, 0, r.chance(0.13) ? r.range(0.05, 0.6) : 0, 0);
  row.dst_host_srv_serror_rate = 0;
  row.last_flag = level(r, ctx, [[15, 25], [17, 18], [12, 15], [18, 12], [13, 10], [19, 8], [7, 5], [10, 7]]);
}

function land(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = r.pick([['finger', 2], ['telnet', 1], ['http', 1], ['private', 1], ['uucp', 1]]);
  row.flag = 'S0';
  row.land = 1;
  row.count = r.int(1, 2);
  row.srv_count = row.count;
  row.same_srv_rate = 1;
  row.dst_host_count = ci(r.logn(40, 1.2), 1, 255);
  row.dst_host_srv_count = ci(r.logn(10, 1), 1, row.dst_host_count);
  row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count);
  row.dst_host_same_src_port_rate = cr(r.range(0.5, 1));
  errors(r, row, 1, 0, r.range(0.2, 1), 0);
  row.last_flag = level(r, ctx, [[15, 3], [17, 3], [20, 2], [11, 1]]);
}

// ---------------------------------------------------------------------------------------------
// Probe
// ---------------------------------------------------------------------------------------------

function satan(r, row, ctx, name = 'satan') {
  const saint = name === 'saint';
  const m = r.pick(saint
    ? [['REJ', 175], ['udp', 18], ['icmp', 98], ['tcpSF', 10], ['S0', 19]]
    : [['REJ', 379], ['udp', 264], ['tcpSF', 24], ['S0', 13], ['icmp', 9], ['RSTO', 2]]);
  if (m === 'REJ' || m === 'S0' || m === 'RSTO') {
    row.protocol_type = 'tcp';
    row.flag = m;
    const p = r.u();
    row.service = p < 0.47 ? 'private' : p < 0.95 ? 'other' : r.pick(TCP_SCAN_TARGETS);
    row.src_bytes = m === 'RSTO' ? 6 : 0;
    row.dst_bytes = m === 'RSTO' ? ci(r.logn(5000, 1.2)) : 0;
    row.count = r.chance(0.75) ? ci(r.gauss(440, 55), 60, 511) : r.chance(0.3) ? ci(r.logn(25, 0.8), 1, 200) : r.int(60, 320);
    row.srv_count = r.chance(0.9) ? 1 : r.int(2, 3);
    row.same_srv_rate = cr(row.srv_count / row.count);
    row.diff_srv_rate = r.chance(0.93) ? 1 : cr(r.range(0.5, 1));
    row.dst_host_count = r.chance(0.95) ? 255 : r.int(100, 254);
    row.dst_host_srv_count = r.chance(0.92) ? 1 : r.int(2, 5);
    row.dst_host_same_srv_rate = cr(row.dst_host_srv_count / row.dst_host_count);
    row.dst_host_diff_srv_rate = r.chance(0.7) ? 1 : cr(r.range(0.3, 1));
    const e = r.gauss(0.89, 0.05);
    const s = r.logn(0.07, 0.7);
    errors(r, row, s, e, s * r.logn(1, 0.2), m === 'REJ' ? e * r.logn(0.95, 0.12) : r.range(0.2, 0.95));
    if (m === 'S0') {
      row.serror_rate = cr(r.logn(0.08, 0.6));
      row.rerror_rate = cr(r.gauss(0.88, 0.05));
      row.srv_rerror_rate = 0;
      row.dst_host_srv_rerror_rate = 0;
    }
  } else if (m === 'udp') {
    row.protocol_type = 'udp';
    row.flag = 'SF';
    row.service = r.pick([['private', 214], ['other', 47], ['domain_u', 3]]);
    row.src_bytes = r.chance(0.95) ? 1 : r.int(0, 5);
    row.count = ci(r.logn(20, 1.1), 1, 511);
    row.srv_count = clamp(ci(r.logn(6, 1.3), 1, 511), 1, row.count);
    row.same_srv_rate = cr(Math.min(1, (row.srv_count / row.count) * r.logn(1.6, 0.4)));
    row.diff_srv_rate = cr(r.logn(0.11, 1));
    row.dst_host_count = 255;
    row.dst_host_srv_count = ci(r.logn(8, 1.8), 1, 255);
    row.dst_host_same_srv_rate = cr(row.dst_host_srv_count / 255 * r.logn(1, 0.2));
    row.dst_host_diff_srv_rate = cr(r.logn(0.25, 0.8));
    row.dst_host_same_src_port_rate = cr(r.logn(0.7, 0.6));
    errors(r, row, 0, 0, 0, 0);
    row.dst_host_rerror_rate = cr(r.chance(0.3) ? 0 : r.logn(0.2, 1));
  } else if (m === 'icmp') {
    row.protocol_type = 'icmp';
    row.flag = 'SF';
    row.service = saint ? 'eco_i' : r.pick([['eco_i', 4], ['ecr_i', 4], ['urp_i', 1]]);
    row.src_bytes = r.chance(0.8) ? 20 : r.int(20, 74);
    row.count = r.chance(0.7) ? 1 : r.int(1, 4);
    row.srv_count = saint ? ci(r.gauss(55, 10), 1, 75) : row.count;
    row.same_srv_rate = 1;
    row.srv_diff_host_rate = saint ? 1 : 0;
    row.dst_host_count = saint ? r.int(1, 4) : ci(r.logn(80, 1.3), 1, 255);
    row.dst_host_srv_count = saint ? ci(r.logn(100, 0.8), 1, 255) : r.int(1, 4);
    row.dst_host_same_srv_rate = saint ? 1 : sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count);
    row.dst_host_same_src_port_rate = row.dst_host_same_srv_rate;
    row.dst_host_srv_diff_host_rate = saint ? cr(r.range(0.2, 0.3)) : 0;
    row.dst_host_diff_srv_rate = saint ? 0 : cr(r.logn(0.06, 1));
    errors(r, row, 0, 0, 0, r.chance(0.2) ? 0.2 : 0);
  } else {
    row.protocol_type = 'tcp';
    row.flag = 'SF';
    row.service = r.pick([['smtp', 4], ['ftp', 4], ['finger', 4], ['pm_dump', 3], ['ftp_data', 3], ['X11', 2], ['telnet', 1], ['http', 1], ['nntp', 1]]);
    row.src_bytes = r.chance(0.7) ? 6 : ci(r.logn(60, 1));
    row.dst_bytes = r.chance(0.35) ? 0 : ci(r.logn(150, 1.5));
    row.count = r.chance(0.4) ? r.int(1, 5) : ci(r.gauss(300, 180), 1, 511);
    row.srv_count = r.int(1, 2);
    row.same_srv_rate = cr(row.srv_count / row.count);
    row.diff_srv_rate = row.count > 5 ? 1 : 0;
    row.dst_host_count = r.chance(0.7) ? 255 : r.int(100, 254);
    row.dst_host_srv_count = r.chance(0.85) ? 1 : r.int(2, 90);
    row.dst_host_same_srv_rate = cr(row.dst_host_srv_count / row.dst_host_count);
    row.dst_host_diff_srv_rate = cr(r.range(0.05, 1));
    errors(r, row, r.chance(0.2) ? 0.05 : 0, row.count > 5 ? r.range(0.4, 0.95) : 0, 0, r.range(0, 0.9), false, false);
  }
  row.last_flag = level(r, ctx, m === 'tcpSF' ? LV.hard : LV.satan);
}

function ipsweep(r, row, ctx) {
  if (r.chance(0.858)) {
    row.protocol_type = 'icmp';
    row.service = r.chance(0.995) ? 'eco_i' : 'ecr_i';
    row.flag = 'SF';
    row.src_bytes = r.pick([[8, 82], [18, 18], [0, 2]]);
    row.count = r.chance(0.995) ? 1 : 2;
    row.srv_count = r.chance(0.27) ? r.int(1, 3) : ci(r.gauss(24, 14), 1, 52);
    row.same_srv_rate = 1;
    row.srv_diff_host_rate = row.srv_count > 1 ? cr(r.chance(0.92) ? 1 : r.range(0.5, 1)) : 0;
    row.dst_host_count = r.chance(0.8) ? r.int(1, 2) : ci(r.logn(10, 0.9), 1, 255);
    row.dst_host_srv_count = ci(r.gauss(95, 60), 1, 255);
    row.dst_host_same_srv_rate = row.dst_host_count <= 2 ? 1 : cr(r.chance(0.5) ? r.range(0.01, 0.1) : 1);
    row.dst_host_same_src_port_rate = row.dst_host_same_srv_rate;
    row.dst_host_srv_diff_host_rate = cr(r.pick([[0.5, 6], [0.51, 1], [0.52, 1], [1, 1], [0.25, 1]]));
    row.dst_host_diff_srv_rate = row.dst_host_same_srv_rate < 1 ? cr(r.range(0.5, 1)) : 0;
    errors(r, row, 0, 0, 0, 0);
    if (row.srv_count < 1) row.srv_count = 1;
  } else {
    row.protocol_type = 'tcp';
    row.service = r.chance(0.65) ? 'private' : r.pick(TCP_SCAN_TARGETS);
    row.flag = r.pick([['REJ', 82], ['SF', 13], ['RSTO', 6]]);
    if (row.flag === 'SF') {
      row.src_bytes = r.chance(0.5) ? 0 : ci(r.logn(200, 2));
      row.dst_bytes = r.chance(0.6) ? 0 : ci(r.logn(500, 2));
      if (r.chance(0.15)) row.logged_in = 1;
    }
    row.count = 1;
    row.srv_count = 1;
    row.same_srv_rate = 1;
    row.dst_host_count = ci(r.logn(32, 0.6), 1, 255);
    row.dst_host_srv_count = r.int(1, 3);
    row.dst_host_same_srv_rate = cr(row.dst_host_srv_count / row.dst_host_count);
    row.dst_host_diff_srv_rate = cr(r.range(0.6, 1));
    row.dst_host_srv_diff_host_rate = 1;
    row.dst_host_same_src_port_rate = cr(r.range(0.01, 0.05));
    errors(r, row, 0, 0.9, 0, r.range(0.8, 1));
  }
  row.last_flag = level(r, ctx, LV.probe);
}

function portsweep(r, row, ctx) {
  row.protocol_type = r.chance(0.998) ? 'tcp' : 'icmp';
  row.flag = row.protocol_type === 'icmp' ? 'SF' : r.pick([['RSTR', 446], ['REJ', 98], ['RSTOS0', 21], ['S0', 15], ['OTH', 4], ['RSTO', 2], ['SF', 1]]);
  const p = r.u();
  row.service = row.protocol_type === 'icmp' ? 'eco_i' : p < 0.66 ? 'private' : p < 0.83 ? 'other' : r.pick(TCP_SCAN_TARGETS);
  const f = row.flag;
  if (f === 'RSTR') {
    row.duration = r.chance(0.4) ? 0 : r.chance(0.2) ? r.int(1, 30) : ci(r.logn(20000, 0.6), 1, 43000);
    row.src_bytes = r.chance(0.5) ? 0 : 1;
    if (r.chance(0.002)) row.src_bytes = ci(r.logn(5e7, 1.5), 0, 4e8); // the odd huge transfer
  } else if (f === 'RSTOS0') row.duration = r.int(0, 3);
  const big = f === 'RSTO' || f === 'RSTOS0' || (f !== 'RSTR' && r.chance(0.25)) || (f === 'RSTR' && r.chance(0.08));
  row.count = big ? ci(r.gauss(200, 100), 10, 511) : r.int(1, 2);
  row.srv_count = r.chance(0.55) ? 1 : r.int(2, 3);
  row.same_srv_rate = big ? cr(row.srv_count / row.count) : row.count === 1 ? 1 : r.chance(0.6) ? 1 : 0.5;
  row.diff_srv_rate = big ? cr(r.range(0.3, 1)) : row.same_srv_rate < 1 ? 1 : 0;
  row.dst_host_count = r.chance(0.8) ? 255 : r.int(49, 254);
  row.dst_host_srv_count = r.chance(0.998) ? r.int(1, 2) : ci(r.logn(100, 0.5), 1, 255);
  row.dst_host_same_srv_rate = r.chance(0.42) ? 0 : cr(Math.max(0.01, row.dst_host_srv_count / row.dst_host_count));
  row.dst_host_diff_srv_rate = cr(r.range(0.1, 1));
  row.dst_host_same_src_port_rate = f === 'RSTR' ? cr(1 - r.logn(0.05, 1.5)) : cr(r.range(0.2, 1));
  const e = f === 'RSTR' || f === 'REJ' || f === 'RSTO' ? 0.98 : f === 'RSTOS0' ? 0.4 : 0.2;
  const s = f === 'S0' || f === 'RSTOS0' ? 0.4 : 0;
  errors(r, row, s, e, s * 0.3, f === 'RSTR' ? r.range(0.5, 1) : r.range(0.2, 0.9), false, e > 0.5);
  if (f === 'RSTR' || f === 'REJ') {
    row.srv_rerror_rate = 1;
    row.dst_host_srv_rerror_rate = 1;
  }
  if (f === 'S0') {
    row.serror_rate = cr(r.range(0.1, 0.3));
    row.rerror_rate = cr(r.range(0.1, 0.4));
  }
  row.last_flag = level(r, ctx, LV.probe);
}

function nmap(r, row, ctx) {
  const m = r.pick([['icmp', 208], ['udp', 51], ['tcp', 42]]);
  row.protocol_type = m;
  if (m === 'icmp') {
    row.service = r.chance(0.985) ? 'eco_i' : 'ecr_i';
    row.flag = 'SF';
    row.src_bytes = r.chance(0.92) ? 8 : 0;
    row.count = 1;
    row.srv_count = r.chance(0.12) ? 1 : ci(r.gauss(24, 13), 1, 52);
    row.same_srv_rate = 1;
    row.srv_diff_host_rate = row.srv_count > 1 ? 1 : 0;
    row.dst_host_count = r.chance(0.7) ? r.int(1, 3) : ci(r.logn(40, 1), 1, 255);
    row.dst_host_srv_count = ci(r.gauss(100, 60), 1, 255);
    row.dst_host_same_srv_rate = row.dst_host_count <= 3 ? 1 : cr(r.range(0.7, 1));
    row.dst_host_same_src_port_rate = row.dst_host_same_srv_rate;
    row.dst_host_srv_diff_host_rate = cr(r.pick([[0.25, 5], [0.26, 1], [0.4, 1], [0, 2]]));
    errors(r, row, 0, 0, 0, 0);
    row.last_flag = level(r, ctx, [[16, 30], [15, 25], [17, 20], [18, 10], [12, 8], [19, 5], [4, 2]]);
  } else if (m === 'udp') {
    row.service = r.chance(0.95) ? 'private' : r.pick([['netbios_ns', 1], ['other', 1]]);
    row.flag = 'SF';
    row.src_bytes = r.pick([[215, 45], [207, 30], [100, 20], [0, 5]]);
    row.count = r.chance(0.95) ? 1 : r.int(2, 46);
    row.srv_count = row.count;
    row.same_srv_rate = 1;
    row.dst_host_count = ci(r.logn(110, 0.6), 1, 255);
    row.dst_host_srv_count = ci(row.dst_host_count * r.range(0.6, 1), 1, 255);
    row.dst_host_same_srv_rate = cr(r.gauss(0.84, 0.08));
    row.dst_host_same_src_port_rate = cr(r.range(0.8, 1));
    row.dst_host_diff_srv_rate = cr(r.range(0, 0.03));
    errors(r, row, 0, 0, 0, 0);
    row.last_flag = level(r, ctx, [[12, 40], [13, 20], [15, 20], [11, 10], [17, 10]]);
  } else {
    row.service = r.chance(0.5) ? 'private' : r.pick(TCP_SCAN_TARGETS);
    row.flag = 'SH';
    row.count = 1;
    row.srv_count = 1;
    row.same_srv_rate = 1;
    row.dst_host_count = ci(r.logn(140, 0.5), 1, 255);
    row.dst_host_srv_count = 1;
    row.dst_host_same_srv_rate = cr(1 / row.dst_host_count);
    row.dst_host_diff_srv_rate = cr(r.gauss(0.92, 0.04));
    row.dst_host_same_src_port_rate = cr(r.range(0.9, 1));
    errors(r, row, 0, 0, 0.93, 0);
    row.last_flag = level(r, ctx, [[18, 45], [17, 20], [19, 20], [15, 10], [21, 5]]);
  }
}

// ---------------------------------------------------------------------------------------------
// R2L
// ---------------------------------------------------------------------------------------------

function warezclient(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = r.pick([['ftp_data', 123], ['ftp', 57], ['other', 1]]);
  row.flag = r.chance(0.995) ? 'SF' : 'S2';
  row.logged_in = 1;
  if (row.service === 'ftp') {
    // guest session that downloads warez: looks much like a normal anonymous ftp session
    row.duration = ci(r.logn(12, 1.4), 1, 15000);
    row.src_bytes = ci(r.logn(1250, 0.35));
    row.dst_bytes = ci(r.gauss(2450, 80));
    row.hot = r.chance(0.9) ? 28 : r.int(18, 30);
    row.is_guest_login = 1;
  } else {
    row.duration = r.chance(0.85) ? 0 : r.chance(0.8) ? ci(r.logn(3, 1.5), 1, 100) : ci(r.logn(4000, 1), 1, 16000);
    const s = r.u();
    row.src_bytes = s < 0.73 ? 334 : s < 0.8 ? r.int(5133800, 5135700) : s < 0.85 ? 246 : ci(r.logn(2500, 1.6), 30, 2e6);
    if (r.chance(0.04)) row.hot = r.int(1, 2);
  }
  row.count = r.chance(0.75) ? 1 : r.int(2, 3);
  row.srv_count = ci(row.count + (r.chance(0.05) ? r.int(1, 4) : 0), 1, 7);
  row.same_srv_rate = r.chance(0.98) ? 1 : 0.5;
  row.diff_srv_rate = row.same_srv_rate < 1 ? 0.5 : 0;
  const local = r.chance(0.55);
  row.dst_host_count = local ? ci(r.logn(5, 0.7), 1, 40) : r.int(240, 255);
  row.dst_host_srv_count = clamp(ci(r.logn(38, 0.6), 1, 150), 1, 255);
  row.dst_host_same_srv_rate = local ? 1 : cr(r.range(0.15, 0.4));
  row.dst_host_same_src_port_rate = local ? (r.chance(0.85) ? 1 : cr(r.range(0.5, 1))) : r.chance(0.5) ? 0 : cr(r.range(0.01, 0.05));
  row.dst_host_diff_srv_rate = local ? 0 : cr(r.range(0.01, 0.03));
  row.dst_host_srv_diff_host_rate = r.chance(0.38) ? 0 : cr(r.range(0.05, 0.25));
  errors(r, row, r.chance(0.01) ? 1 : 0, 0, r.chance(0.12) ? 0.01 : 0, r.chance(0.15) ? 0.01 : 0);
  row.last_flag = level(r, ctx, [[11, 12], [13, 12], [14, 10], [8, 10], [12, 9], [4, 9], [10, 8], [9, 6], [16, 5], [6, 5], [15, 4], [7, 4], [2, 3], [0, 2]]);
}

function guessPasswd(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.count = r.int(1, 2);
  row.srv_count = row.count;
  row.same_srv_rate = 1;
  if (!ctx.test) {
    // dictionary attack on telnet: each connection one failed login, reset by the server
    row.service = 'telnet';
    row.flag = 'RSTO';
    row.src_bytes = r.int(125, 126);
    row.dst_bytes = 179;
    row.hot = 1;
    row.num_failed_logins = 1;
    row.dst_host_count = ci(r.gauss(22, 13), 2, 60);
    row.dst_host_srv_count = row.dst_host_count;
    row.dst_host_same_srv_rate = 1;
    row.dst_host_same_src_port_rate = cr(r.logn(0.06, 0.6));
    errors(r, row, 0, 1, r.logn(0.07, 0.6), r.range(0.67, 0.96));
    row.last_flag = level(r, ctx, [[9, 5], [10, 3], [13, 1], [14, 1]]);
    return;
  }
  // test-style: slower guessing against pop3/telnet/ftp, often completing normally
  row.service = r.pick([['pop_3', 750], ['telnet', 385], ['ftp', 96]]);
  row.flag = r.pick([['SF', 1200], ['RSTO', 25], ['S3', 4]]);
  row.duration = r.chance(0.45) ? 0 : r.chance(0.9) ? 4 : r.int(1, 60);
  row.src_bytes = r.chance(0.6) ? r.int(15, 40) : r.int(115, 133);
  row.dst_bytes = r.pick([[93, 50], [174, 30], [46, 10], [400, 5], [2437, 1]]);
  row.logged_in = r.chance(0.62) ? 1 : 0;
  row.num_failed_logins = row.logged_in ? 0 : r.chance(0.9) ? 1 : 0;
  row.is_guest_login = row.service === 'ftp' && r.chance(0.8) ? 1 : 0;
  row.dst_host_count = r.chance(0.7) ? 255 : ci(r.logn(120, 1), 1, 254);
  row.dst_host_srv_count = ci(r.gauss(170, 80), 1, 255);
  row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count, 0.1);
  row.dst_host_diff_srv_rate = smallRate(r, 0.5, 0.01, 0.5);
  row.dst_host_same_src_port_rate = smallRate(r, 0.6, 0.01, 0.5);
  errors(r, row, 0, 0, 0, 0);
  row.last_flag = level(r, ctx, [[15, 20], [17, 15], [16, 10], [11, 10], [13, 10], [9, 10], [12, 8], [7, 6], [5, 4], [2, 3], [0, 2]]);
}

function warezmaster(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.flag = 'SF';
  row.count = 1;
  row.srv_count = 1;
  row.same_srv_rate = 1;
  if (!ctx.test) {
    // uploads a large archive to an anonymous ftp area
    row.service = r.chance(0.7) ? 'ftp_data' : 'ftp';
    row.duration = r.chance(0.15) ? 0 : ci(r.logn(12, 1), 1, 200);
    row.dst_bytes = r.chance(0.7) ? r.int(2.5e6, 5.2e6) : ci(r.logn(1000, 1.5));
    if (row.service === 'ftp') {
      row.src_bytes = r.int(300, 1000);
      row.hot = r.int(7, 18);
      row.logged_in = 1;
      row.is_guest_login = 1;
      row.num_file_creations = r.int(5, 21);
    }
    row.dst_host_count = ci(r.logn(15, 1.5), 1, 255);
    row.dst_host_srv_count = ci(r.logn(6, 0.8), 1, 17);
    row.dst_host_same_srv_rate = r.chance(0.3) ? 0 : r.chance(0.6) ? 1 : 0.5;
    row.dst_host_same_src_port_rate = row.dst_host_same_srv_rate;
    row.dst_host_diff_srv_rate = r.chance(0.7) ? 0 : cr(r.range(0.01, 0.05));
    errors(r, row, 0, 0, r.chance(0.3) ? r.range(0.01, 0.4) : 0, r.chance(0.3) ? r.range(0.01, 0.07) : 0);
    row.last_flag = level(r, ctx, [[9, 4], [10, 1], [14, 1], [6, 1], [2, 1]]);
    return;
  }
  row.service = r.chance(0.53) ? 'ftp' : 'ftp_data';
  row.duration = r.chance(0.1) ? 0 : ci(r.gauss(281, 2), 270, 290);
  row.src_bytes = r.chance(0.1) ? ci(r.logn(80000, 1)) : r.chance(0.1) ? 0 : r.int(155, 164);
  row.dst_bytes = r.chance(0.45) ? 0 : r.int(593, 597);
  row.logged_in = row.service === 'ftp' ? 1 : 0;
  row.is_guest_login = row.logged_in;
  row.hot = row.logged_in ? 2 : 0;
  row.dst_host_count = r.chance(0.35) ? 255 : ci(r.logn(20, 1.5), 1, 254);
  row.dst_host_srv_count = ci(r.logn(20, 0.9), 1, 130);
  row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count, 0.2);
  row.dst_host_same_src_port_rate = smallRate(r, 0.5, 0.05, 1);
  errors(r, row, 0, 0, 0, 0);
  row.last_flag = level(r, ctx, LV.mid);
}

function imap(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'imap4';
  row.flag = r.pick([['SF', 3], ['S1', 1], ['SH', 1]]);
  if (r.chance(0.4)) {
    row.src_bytes = r.int(1300, 1500);
    row.dst_bytes = r.chance(0.5) ? ci(r.logn(300000, 0.8)) : r.int(100, 200);
    row.duration = r.chance(0.5) ? r.int(20, 45) : 0;
    row.hot = r.int(0, 2);
  }
  row.count = r.int(1, 4);
  row.srv_count = r.chance(0.4) ? row.count : r.int(120, 125);
  row.same_srv_rate = 1;
  row.srv_diff_host_rate = row.srv_count > 10 ? cr(r.range(0.35, 0.37)) : 0;
  row.dst_host_count = r.int(5, 11);
  row.dst_host_srv_count = row.dst_host_count;
  row.dst_host_same_srv_rate = 1;
  row.dst_host_same_src_port_rate = cr(r.chance(0.5) ? r.range(0.75, 0.8) : r.range(0.09, 0.2));
  errors(r, row, r.range(0.4, 0.9), r.chance(0.5) ? 0.04 : 0, r.range(0.4, 0.62), 0);
  row.last_flag = level(r, ctx, [[17, 2], [12, 1], [14, 1], [18, 1]]);
}

function ftpWrite(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = r.chance(0.5) ? 'ftp' : 'ftp_data';
  row.flag = 'SF';
  row.duration = r.int(0, 130);
  row.src_bytes = ci(r.logn(300, 0.8));
  row.dst_bytes = r.chance(0.5) ? 0 : ci(r.logn(1000, 1));
  row.hot = r.int(1, 2);
  row.logged_in = 1;
  row.num_file_creations = 1;
  quietWindow(r, row);
  row.dst_host_count = r.int(1, 5);
  row.dst_host_srv_count = r.int(1, 5);
  row.dst_host_same_srv_rate = 1;
  row.dst_host_same_src_port_rate = cr(r.range(0.2, 1));
  errors(r, row, 0, 0, 0, 0);
  row.last_flag = level(r, ctx, [[7, 1], [9, 1], [12, 1]]);
}

function phf(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'http';
  row.flag = 'SF';
  row.src_bytes = r.int(51, 60);
  row.dst_bytes = r.int(7000, 9000);
  row.hot = 3;
  row.num_compromised = 1;
  row.logged_in = 1;
  quietWindow(r, row);
  row.dst_host_count = r.int(1, 10);
  row.dst_host_srv_count = r.int(1, 10);
  row.dst_host_same_srv_rate = 1;
  row.dst_host_same_src_port_rate = cr(r.range(0.2, 1));
  errors(r, row, 0, 0, 0, 0);
  row.last_flag = level(r, ctx, [[9, 1], [11, 1], [6, 1]]);
}

function multihop(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = r.chance(0.5) ? 'telnet' : 'ftp_data';
  row.flag = 'SF';
  row.duration = ci(r.logn(400, 1.2));
  row.src_bytes = ci(r.logn(1500, 1));
  row.dst_bytes = ci(r.logn(5000, 1.2));
  row.hot = r.int(0, 4);
  row.logged_in = 1;
  row.num_file_creations = r.int(0, 3);
  row.num_compromised = r.int(0, 2);
  quietWindow(r, row);
  row.dst_host_count = r.int(1, 20);
  row.dst_host_srv_count = r.int(1, 20);
  row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count);
  errors(r, row, 0, 0, 0, 0);
  row.last_flag = level(r, ctx, [[3, 1], [5, 1], [8, 1], [11, 1]]);
}

function spy(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'telnet';
  row.flag = 'SF';
  row.duration = r.int(15000, 30000);
  row.src_bytes = ci(r.logn(30000, 0.5));
  row.dst_bytes = ci(r.logn(500000, 0.5));
  row.hot = r.int(1, 5);
  row.logged_in = 1;
  row.num_compromised = r.int(1, 3);
  row.num_file_creations = r.int(1, 4);
  quietWindow(r, row);
  row.dst_host_count = r.int(1, 3);
  row.dst_host_srv_count = r.int(1, 3);
  row.dst_host_same_srv_rate = 1;
  errors(r, row, 0, 0, 0, 0);
  row.last_flag = level(r, ctx, [[8, 1], [11, 1]]);
}

// ---------------------------------------------------------------------------------------------
// U2R
// ---------------------------------------------------------------------------------------------

function u2r(r, row, ctx, name) {
  row.protocol_type = 'tcp';
  row.flag = 'SF';
  row.logged_in = 1;
  row.service = name === 'buffer_overflow'
    ? r.pick([['telnet', 4], ['ftp_data', 2]])
    : name === 'rootkit' ? r.pick([['telnet', 2], ['ftp', 1], ['ftp_data', 1]]) : 'telnet';
  row.duration = r.chance(0.25) ? 0 : ci(r.logn(90, 1.3), 1, 3000);
  row.src_bytes = r.chance(0.2) ? 0 : ci(r.logn(1200, 1.1), 1, 50000);
  row.dst_bytes = ci(r.logn(5000, 0.8), 100, 2e5);
  row.hot = r.int(0, 5);
  row.num_compromised = r.int(0, 4);
  if (name === 'buffer_overflow' || name === 'perl' || name === 'loadmodule') row.root_shell = r.chance(0.7) ? 1 : 0;
  else row.root_shell = r.chance(0.3) ? 1 : 0;
  if (name === 'rootkit') {
    row.num_root = r.chance(0.5) ? r.int(1, 14) : 0;
    if (r.chance(0.2)) row.urgent = 1;
  }
  if (name === 'perl') row.su_attempted = r.chance(0.5) ? 1 : 0;
  if (name === 'loadmodule' || name === 'perl') row.num_shells = r.chance(0.5) ? 1 : 0;
  row.num_file_creations = r.chance(0.4) ? r.int(1, 2) : 0;
  if (r.chance(0.3)) row.num_access_files = 1;
  row.count = r.int(1, 2);
  row.srv_count = row.count;
  row.same_srv_rate = 1;
  row.dst_host_count = name === 'rootkit' ? ci(r.logn(120, 1.2), 1, 255) : r.int(1, 3);
  row.dst_host_srv_count = r.chance(0.8) ? r.int(1, 4) : r.int(20, 90);
  row.dst_host_same_srv_rate = name === 'rootkit' ? cr(r.logn(0.02, 1.3)) : 1;
  row.dst_host_diff_srv_rate = name === 'rootkit' ? cr(r.range(0, 0.02)) : 0;
  row.dst_host_same_src_port_rate = cr(r.chance(0.5) ? 1 : r.range(0, 0.5));
  errors(r, row, 0, 0, 0, 0);
  row.last_flag = level(r, ctx, name === 'rootkit' ? LV.veryHard : [[2, 3], [3, 2], [7, 1], [10, 1], [12, 1]]);
}

// ---------------------------------------------------------------------------------------------
// Attacks found only in the test file (novel attacks, as in KDDTest+)
// ---------------------------------------------------------------------------------------------

function mscan(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = r.pick([['telnet', 328], ['imap4', 268], ['pop_3', 252], ['sunrpc', 132], ['pm_dump', 16]]);
  row.flag = r.pick([['RSTO', 363], ['REJ', 332], ['S0', 166], ['SF', 131], ['S1', 4]]);
  row.duration = r.chance(0.75) ? 0 : r.int(1, 9);
  if (row.flag === 'SF') {
    row.src_bytes = r.chance(0.4) ? r.int(10, 44) : 0;
    row.logged_in = r.chance(0.9) ? 1 : 0;
  }
  row.dst_bytes = row.flag === 'REJ' || row.flag === 'S0' || r.chance(0.1) ? 0 : r.int(30, 50);
  row.count = r.int(1, 5);
  row.srv_count = ci(r.logn(5, 0.8), 1, 35);
  row.same_srv_rate = cr(r.pick([[1, 3], [0.5, 3], [0.33, 2], [0.25, 2], [0.2, 1]]));
  row.diff_srv_rate = row.same_srv_rate < 1 ? cr(r.range(0.5, 1)) : 0;
  row.srv_diff_host_rate = r.chance(0.14) ? 0 : cr(r.range(0.67, 1));
  row.dst_host_count = r.chance(0.3) ? 255 : ci(r.logn(120, 0.8), 1, 254);
  row.dst_host_srv_count = ci(r.gauss(60, 20), 1, 255);
  row.dst_host_same_srv_rate = cr(r.gauss(0.25, 0.08));
  row.dst_host_diff_srv_rate = cr(r.logn(0.03, 0.8));
  row.dst_host_same_src_port_rate = smallRate(r, 0.41, 0.01, 0.6);
  row.dst_host_srv_diff_host_rate = smallRate(r, 0.36, 0.02, 0.5);
  const e = row.flag === 'REJ' || row.flag === 'RSTO' ? r.range(0.5, 1) : r.range(0, 0.4);
  const s = row.flag === 'S0' ? r.range(0.6, 1) : r.range(0, 0.1);
  errors(r, row, s, e, s * r.range(0.5, 1), e * r.range(0.6, 1));
  row.last_flag = level(r, ctx, [[14, 20], [15, 20], [12, 15], [13, 10], [9, 10], [18, 10], [17, 5], [19, 5], [0, 5]]);
}

function apache2(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'http';
  row.flag = r.pick([['RSTR', 482], ['S0', 246], ['S3', 5], ['SF', 4]]);
  if (row.flag !== 'S0') {
    row.duration = r.chance(0.5) ? r.int(800, 910) : r.int(1500, 2100);
    row.src_bytes = ci(r.gauss(60000, 8000), 40000, 102000);
    row.logged_in = 1;
  }
  row.count = ci(r.logn(35, 0.8), 1, 130);
  row.srv_count = row.count;
  row.same_srv_rate = 1;
  row.dst_host_count = r.chance(0.97) ? 255 : r.int(229, 254);
  row.dst_host_srv_count = r.int(226, 255);
  row.dst_host_same_srv_rate = cr(r.range(0.95, 1));
  row.dst_host_diff_srv_rate = r.chance(0.48) ? 0 : 0.01;
  const mix = r.u();
  errors(r, row, row.flag === 'S0' ? 0.5 + 0.5 * mix : 0.5 * mix, row.flag === 'RSTR' ? 1 - 0.5 * mix : 0.3 * (1 - mix), r.range(0, 0.5), r.range(0.1, 0.7));
  row.last_flag = level(r, ctx, [[14, 30], [15, 25], [16, 15], [18, 10], [20, 5], [13, 10], [1, 5]]);
}

function processtable(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'telnet';
  row.flag = r.pick([['SF', 443], ['S3', 236], ['S2', 4], ['RSTR', 2]]);
  row.duration = r.chance(0.32) ? 0 : r.int(7390, 8230);
  row.src_bytes = r.chance(0.03) ? 1 : 0;
  row.dst_bytes = r.chance(0.75) ? 44 : 15;
  row.count = r.chance(0.98) ? 1 : r.int(2, 5);
  row.srv_count = r.chance(0.98) ? 1 : r.int(2, 32);
  row.same_srv_rate = 1;
  row.dst_host_count = 255;
  row.dst_host_srv_count = ci(r.gauss(144, 60), 3, 253);
  row.dst_host_same_srv_rate = cr(row.dst_host_srv_count / 255 * r.logn(1, 0.1));
  row.dst_host_diff_srv_rate = cr(r.chance(0.7) ? r.range(0.01, 0.03) : r.range(0.2, 0.87));
  errors(r, row, r.range(0.2, 0.6), 0, r.range(0.15, 0.55), r.range(0.01, 0.4));
  row.last_flag = level(r, ctx, [[18, 30], [19, 20], [17, 20], [12, 15], [15, 10], [7, 5]]);
}

function snmpguess(r, row, ctx) {
  row.protocol_type = r.chance(0.99) ? 'udp' : 'icmp';
  row.service = row.protocol_type === 'udp' ? 'private' : 'urp_i';
  row.flag = 'SF';
  row.src_bytes = ci(r.gauss(45, 4), 36, 56);
  row.dst_bytes = r.chance(0.87) ? 0 : r.int(43, 52);
  row.count = r.chance(0.995) ? ci(r.logn(3, 0.45), 1, 8) : r.int(100, 374);
  row.srv_count = row.count;
  row.same_srv_rate = r.chance(0.97) ? 1 : 0.67;
  row.dst_host_count = r.chance(0.97) ? 255 : r.int(9, 254);
  row.dst_host_srv_count = clamp(r.int(252, 255), 1, row.dst_host_count);
  row.dst_host_same_srv_rate = cr(r.range(0.99, 1));
  row.dst_host_diff_srv_rate = r.chance(0.44) ? 0 : 0.01;
  row.dst_host_same_src_port_rate = smallRate(r, 0.34, 0.01, 0.5);
  errors(r, row, 0, 0, 0, 0);
  row.last_flag = level(r, ctx, [[15, 25], [14, 20], [16, 20], [13, 15], [17, 15], [0, 2], [10, 3]]);
}

function mailbomb(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = 'smtp';
  row.flag = 'SF';
  row.duration = r.chance(0.98) ? 1 : r.int(2, 11);
  row.src_bytes = 2599;
  row.dst_bytes = r.chance(0.9) ? 293 : 261;
  row.logged_in = 1;
  row.count = r.pick([[2, 4], [3, 4], [1, 1], [4, 1], [5, 0.3]]);
  row.srv_count = clamp(r.pick([[2, 5], [3, 3], [1, 1], [4, 0.5]]), 1, row.count);
  row.same_srv_rate = row.count === row.srv_count || r.chance(0.6) ? 1 : cr(row.srv_count / row.count);
  row.diff_srv_rate = row.same_srv_rate < 1 ? cr(1 - row.same_srv_rate) : 0;
  row.dst_host_count = 255;
  row.dst_host_srv_count = ci(r.gauss(150, 70), 2, 247);
  row.dst_host_same_srv_rate = cr(row.dst_host_srv_count / 255);
  row.dst_host_diff_srv_rate = cr(r.range(0.04, 0.16));
  errors(r, row, 0, r.chance(0.12) ? 0.3 : 0, 0, r.range(0.03, 0.97));
  row.dst_host_srv_rerror_rate = 0;
  row.last_flag = level(r, ctx, [[11, 30], [12, 20], [14, 15], [18, 15], [10, 10], [13, 10]]);
}

function snmpgetattack(r, row, ctx) {
  // indistinguishable from normal SNMP traffic by these features (as in KDDTest+)
  nPrivateUdp(r, row, ctx);
  if (r.chance(0.05)) row.service = 'other';
  row.last_flag = level(r, ctx, LV.veryHard);
}

function httptunnel(r, row, ctx) {
  row.protocol_type = 'tcp';
  row.service = r.chance(0.97) ? 'other' : r.pick([['ftp', 1], ['telnet', 1]]);
  row.flag = r.pick([['REJ', 109], ['SF', 22], ['RSTR', 2]]);
  if (row.flag === 'SF') {
    row.duration = r.chance(0.7) ? 0 : ci(r.logn(100, 2), 1, 1500);
    row.src_bytes = ci(r.logn(600, 1.8), 1, 50000);
    row.dst_bytes = r.chance(0.5) ? 0 : ci(r.logn(600, 1.8), 1, 50000);
    if (r.chance(0.1)) {
      row.logged_in = 1;
      row.num_compromised = r.int(1, 9);
      row.num_root = r.int(0, 7);
      row.root_shell = r.chance(0.5) ? 1 : 0;
    }
  }
  quietWindow(r, row);
  row.dst_host_count = r.chance(0.5) ? 255 : ci(r.logn(120, 0.7), 1, 254);
  row.dst_host_srv_count = ci(r.logn(15, 0.7), 1, 100);
  row.dst_host_same_srv_rate = sameSrvFromCounts(r, row.dst_host_srv_count, row.dst_host_count, 0.3);
  row.dst_host_diff_srv_rate = cr(r.logn(0.025, 0.5));
  errors(r, row, 0, row.flag === 'SF' ? 0 : 0.8, 0, r.logn(0.06, 0.5));
  row.dst_host_srv_rerror_rate = cr(row.flag === 'SF' ? r.range(0, 0.8) : r.range(0.6, 1));
  row.last_flag = level(r, ctx, [[17, 20], [15, 20], [11, 15], [18, 10], [13, 10], [5, 10], [20, 5], [0, 2]]);
}

// ---------------------------------------------------------------------------------------------
// Class mixes (counts in the real files, scaled to the target row counts)
// ---------------------------------------------------------------------------------------------

const GENERATORS = {
  normal,
  neptune, smurf, back, teardrop, pod, land,
  satan, ipsweep, portsweep, nmap, saint: (r, row, ctx) => satan(r, row, ctx, 'saint'),
  warezclient, guess_passwd: guessPasswd, warezmaster, imap, ftp_write: ftpWrite, phf, multihop, spy,
  buffer_overflow: (r, row, ctx) => u2r(r, row, ctx, 'buffer_overflow'),
  rootkit: (r, row, ctx) => u2r(r, row, ctx, 'rootkit'),
  loadmodule: (r, row, ctx) => u2r(r, row, ctx, 'loadmodule'),
  perl: (r, row, ctx) => u2r(r, row, ctx, 'perl'),
  mscan, apache2, processtable, snmpguess, mailbomb, snmpgetattack, httptunnel,
};

/** Training mix: class counts of KDDTrain+_20Percent (perl from the full KDDTrain+). */
const TRAIN_MIX = [
  ['normal', 13449], ['neptune', 8282], ['ipsweep', 710], ['satan', 691], ['portsweep', 587],
  ['smurf', 529], ['nmap', 301], ['back', 196], ['teardrop', 188], ['warezclient', 181],
  ['pod', 38], ['guess_passwd', 10], ['warezmaster', 7], ['buffer_overflow', 6], ['imap', 5],
  ['rootkit', 4], ['multihop', 2], ['phf', 2], ['ftp_write', 1.5], ['land', 1.5],
  ['loadmodule', 1], ['perl', 1], ['spy', 1],
];

/** Test mix: class counts of KDDTest+ (minus a few very rare novel attacks not modelled). */
const TEST_MIX = [
  ['normal', 9711], ['neptune', 4657], ['guess_passwd', 1231], ['mscan', 996],
  ['warezmaster', 944], ['apache2', 737], ['satan', 735], ['processtable', 685], ['smurf', 665],
  ['back', 359], ['snmpguess', 331], ['saint', 319], ['mailbomb', 293], ['snmpgetattack', 178],
  ['portsweep', 157], ['ipsweep', 141], ['httptunnel', 133], ['nmap', 73], ['pod', 41],
  ['buffer_overflow', 20], ['multihop', 18], ['rootkit', 13], ['teardrop', 12], ['land', 7],
  ['ftp_write', 3], ['loadmodule', 2], ['perl', 2], ['phf', 2], ['imap', 1],
];

/** Exact integer quotas by largest remainder (ties broken by table order). */
function quotas(mix, total) {
  const sum = mix.reduce((s, [, w]) => s + w, 0);
  const raw = mix.map(([name, w]) => ({ name, exact: (w * total) / sum }));
  for (const q of raw) q.n = Math.floor(q.exact);
  let left = total - raw.reduce((s, q) => s + q.n, 0);
  const order = raw.map((q, i) => i).sort((a, b) => (raw[b].exact - raw[b].n) - (raw[a].exact - raw[a].n) || a - b);
  for (const i of order) {
    if (left === 0) break;
    raw[i].n++;
    left--;
  }
  // every listed class appears at least once
  for (const q of raw) {
    if (q.n === 0) {
      q.n = 1;
      const big = raw.reduce((m, x) => (x.n > m.n ? x : m));
      big.n--;
    }
  }
  return raw.map((q) => [q.name, q.n]);
}

export function generate(rows, mix, stream, test) {
  const r = new Rng(SEED, stream);
  const labels = [];
  for (const [name, n] of quotas(mix, rows)) for (let i = 0; i < n; i++) labels.push(name);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(r.u() * (i + 1));
    const t = labels[i];
    labels[i] = labels[j];
    labels[j] = t;
  }
  const ctx = { test };
  const lines = [COLUMNS.join(',')];
  for (const name of labels) {
    const row = newRow();
    GENERATORS[name](r, row, ctx);
    row.attack = name;
    row.num_outbound_cmds = 0;
    row.is_host_login = 0;
    if (row.count < 1) row.count = 1;
    if (row.srv_count < 1) row.srv_count = 1;
    // a little measurement noise on normal traffic, so normal is not a perfectly clean cluster
    if (name === 'normal' && r.chance(0.01)) row.dst_host_srv_count = r.int(1, 255);
    // the test file was "recorded later, on a changed network": some normal rows see other hosts
    if (test && name === 'normal' && r.chance(0.18)) drift(r, row);
    lines.push(formatRow(row));
  }
  return { text: lines.join('\n') + '\n', counts: quotas(mix, rows) };
}

/** 25000 -> "25,000" without relying on the runtime's locale data. */
const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function readme(train, test) {
  const list = (counts) => counts.map(([n, c]) => `${n} ${thousands(c)}`).join(', ');
  const trainNormal = train.counts.find(([n]) => n === 'normal')[1];
  const testNormal = test.counts.find(([n]) => n === 'normal')[1];
  const trainNames = new Set(train.counts.map(([n]) => n));
  const novel = test.counts.filter(([n]) => !trainNames.has(n)).map(([n]) => `\`${n}\``);
  return `# Sample data sets (synthetic)

The CSV files in this folder are **synthetic**. They were generated by
\`scripts/gen-sample.mjs\` (\`npm run sample\`) from a fixed seed and contain no rows
of any real capture. They are modelled on the *structure* of the NSL-KDD
intrusion-detection data set: the same 41 connection features, the same label
vocabulary, and per-class distributions set to resemble the published data's
summary statistics, so that the notebook's statistics, charts and anomaly detectors
behave on them much as they would on the real files. They are not a substitute for
the real data in research.

| file | rows | normal | seed (stream) |
|---|---|---|---|
| \`nsl-kdd-sample.csv\` | ${thousands(TRAIN_ROWS)} | ${thousands(trainNormal)} | ${SEED} (${TRAIN_STREAM}) |
| \`nsl-kdd-sample-test.csv\` | ${thousands(TEST_ROWS)} | ${thousands(testNormal)} | ${SEED} (${TEST_STREAM}) |

Layout (the Kaggle layout of NSL-KDD): UTF-8, LF line endings, one header row, 43
columns — the 41 features (\`duration\`, \`protocol_type\`, \`service\`, \`flag\`,
\`src_bytes\`, ... \`dst_host_srv_rerror_rate\`), then \`attack\` (the label:
\`normal\` or an attack name) and \`last_flag\` (a difficulty level, 0–21, not a
feature). Integers are written without decimals and rates with two decimals.

Classes in \`nsl-kdd-sample.csv\`: ${list(train.counts)}.

Classes in \`nsl-kdd-sample-test.csv\`: ${list(test.counts)}.
The test file contains attack kinds that never occur in the training file
(${novel.join(', ')}), as the real KDDTest+ contains novel attacks.

Attack families: DoS (neptune, smurf, back, teardrop, pod, land, apache2, processtable,
mailbomb), Probe (satan, ipsweep, portsweep, nmap, mscan, saint), R2L (warezclient,
guess_passwd, warezmaster, imap, ftp_write, phf, multihop, spy, snmpguess,
snmpgetattack, httptunnel), U2R (buffer_overflow, rootkit, loadmodule, perl).

To regenerate (byte-identical output on every run): \`npm run sample\`.

## The real NSL-KDD

NSL-KDD was published by the Canadian Institute for Cybersecurity (CIC), University of
New Brunswick: M. Tavallaee, E. Bagheri, W. Lu, A. A. Ghorbani, "A Detailed Analysis of
the KDD CUP 99 Data Set", IEEE CISDA 2009. Download it from the CIC web site
(https://www.unb.ca/cic/datasets/nsl.html); the files \`KDDTrain+.txt\` and
\`KDDTest+.txt\` (header-less, 43 columns, last column named \`level\`) can be opened in
the notebook directly, as can the Kaggle copies with a header row.
`;
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const dir = join(root, 'public', 'datasets');
  mkdirSync(dir, { recursive: true });
  const train = generate(TRAIN_ROWS, TRAIN_MIX, TRAIN_STREAM, false);
  const test = generate(TEST_ROWS, TEST_MIX, TEST_STREAM, true);
  writeFileSync(join(dir, 'nsl-kdd-sample.csv'), train.text);
  writeFileSync(join(dir, 'nsl-kdd-sample-test.csv'), test.text);
  writeFileSync(join(dir, 'README.md'), readme(train, test));
  const size = (t) => `${(Buffer.byteLength(t) / 1e6).toFixed(2)} MB`;
  console.log(`nsl-kdd-sample.csv: ${TRAIN_ROWS} rows, ${size(train.text)}`);
  console.log(`nsl-kdd-sample-test.csv: ${TEST_ROWS} rows, ${size(test.text)}`);
}

const invokedDirectly = (() => {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();
if (invokedDirectly) main();
