/**
 * Layout recognition: the delimiter, whether the first row is a header, the column names, and
 * which known data set (DESIGN §3) the file is. Works on a small sample (the first rows), never
 * on the whole file.
 */
import type { LoadIssue, SchemaId } from './types';
import { CELL_HEX, CELL_MISSING, CELL_NAN, CELL_NUMBER, classifyCell, fmtInt, quoteValue } from './infer';

/** The 41 connection features of KDD'99 / NSL-KDD, in file order. */
export const KDD_FEATURES: readonly string[] = [
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

/** NSL-KDD as distributed (KDDTrain+.txt, KDDTest+.txt): no header, 43 fields. */
export const NSL_KDD_COLUMNS: readonly string[] = [...KDD_FEATURES, 'attack', 'level'];
/** The Kaggle copy of NSL-KDD: a header row naming the last two `attack`, `last_flag`. */
export const NSL_KDD_KAGGLE_COLUMNS: readonly string[] = [...KDD_FEATURES, 'attack', 'last_flag'];
/** KDD Cup '99 (kddcup.data): no header, 42 fields, labels end in '.' (`normal.`, `smurf.`). */
export const KDD99_COLUMNS: readonly string[] = [...KDD_FEATURES, 'label'];

/** UNSW-NB15 raw records (UNSW-NB15_1..4.csv): no header, 49 fields (names from NUSW-NB15_features.csv). */
export const UNSW_RAW_COLUMNS: readonly string[] = [
  'srcip', 'sport', 'dstip', 'dsport', 'proto', 'state', 'dur', 'sbytes', 'dbytes', 'sttl',
  'dttl', 'sloss', 'dloss', 'service', 'Sload', 'Dload', 'Spkts', 'Dpkts', 'swin', 'dwin',
  'stcpb', 'dtcpb', 'smeansz', 'dmeansz', 'trans_depth', 'res_bdy_len', 'Sjit', 'Djit',
  'Stime', 'Ltime', 'Sintpkt', 'Dintpkt', 'tcprtt', 'synack', 'ackdat', 'is_sm_ips_ports',
  'ct_state_ttl', 'ct_flw_http_mthd', 'is_ftp_login', 'ct_ftp_cmd', 'ct_srv_src', 'ct_srv_dst',
  'ct_dst_ltm', 'ct_src_ltm', 'ct_src_dport_ltm', 'ct_dst_sport_ltm', 'ct_dst_src_ltm',
  'attack_cat', 'Label',
];

export const SCHEMA_NAMES: Readonly<Record<SchemaId, string>> = {
  'nsl-kdd': 'NSL-KDD (41 features, attack, level)',
  'nsl-kdd-kaggle': 'NSL-KDD, Kaggle copy (header row; last columns attack, last_flag)',
  kdd99: "KDD Cup '99 (41 features, label ending in '.')",
  'unsw-nb15': 'UNSW-NB15',
  'cic-ids2017': 'CIC-IDS2017 (CICFlowMeter flows)',
  generic: 'Generic CSV',
};

// ───────────────────────────── delimiter ─────────────────────────────

export const DELIMITERS: readonly string[] = [',', '\t', ';', '|'];

/**
 * Picks the delimiter from the first records of `sample` (already `\n`-normalised). For each
 * candidate, counts its occurrences outside quoted fields in each record (a quote opens a field
 * only at the start of a line or right after a candidate delimiter, as in RFC 4180) and prefers
 * the candidate whose count is the same on most records, then the larger count, then the order
 * comma, tab, semicolon, pipe. Returns ',' when no candidate occurs at all (one column).
 * `complete`: the sample is the whole file (else its last, possibly cut, record is ignored).
 */
export function detectDelimiter(sample: string, complete: boolean, maxRecords = 30): string {
  const nd = DELIMITERS.length;
  const codes = DELIMITERS.map((d) => d.charCodeAt(0));
  const counts: number[][] = DELIMITERS.map(() => []);
  const cur = new Array<number>(nd).fill(0);
  let inQuotes = false;
  let atFieldStart = true;
  let recordHasText = false;
  let records = 0;
  const n = sample.length;
  let i = 0;
  for (; i < n && records < maxRecords; i++) {
    const c = sample.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (sample.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === 10) {
      if (recordHasText) {
        for (let d = 0; d < nd; d++) counts[d].push(cur[d]);
        records++;
      }
      cur.fill(0);
      recordHasText = false;
      atFieldStart = true;
      continue;
    }
    recordHasText = true;
    if (c === 34 && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
      continue;
    }
    const d = codes.indexOf(c);
    if (d !== -1) {
      cur[d]++;
      atFieldStart = true;
    } else if (c !== 32) {
      atFieldStart = false;
    }
  }
  if (complete && i >= n && recordHasText && !inQuotes && records < maxRecords) {
    for (let d = 0; d < nd; d++) counts[d].push(cur[d]);
  }

  let best = ',';
  let bestScore = -1;
  let bestMode = 0;
  for (let d = 0; d < nd; d++) {
    const cs = counts[d];
    if (cs.length === 0) continue;
    const freq = new Map<number, number>();
    for (const v of cs) freq.set(v, (freq.get(v) ?? 0) + 1);
    let mode = 0;
    let modeFreq = 0;
    for (const [v, f] of freq) {
      if (v > 0 && (f > modeFreq || (f === modeFreq && v > mode))) {
        mode = v;
        modeFreq = f;
      }
    }
    if (mode === 0) continue;
    const score = modeFreq / cs.length;
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && mode > bestMode)) {
      best = DELIMITERS[d];
      bestScore = score;
      bestMode = mode;
    }
  }
  return best;
}

// ───────────────────────────── header and names ─────────────────────────────

function isNumberLike(s: string): boolean {
  const k = classifyCell(s);
  return k === CELL_NUMBER || k === CELL_HEX || k === CELL_NAN;
}

function isEmptyCell(s: string): boolean {
  return classifyCell(s) === CELL_MISSING;
}

const PROTOCOLS = new Set(['tcp', 'udp', 'icmp']);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:]+$/i;

function isIp(s: string): boolean {
  return IPV4.test(s) || (s.includes(':') && IPV6.test(s));
}

interface HeaderlessLayout {
  readonly schema: SchemaId;
  readonly names: readonly string[];
  readonly schemaName: string;
}

/** Known header-less layouts, tested against each of the first rows. */
function matchHeaderless(rows: readonly (readonly string[])[]): HeaderlessLayout | null {
  const probe = rows.slice(0, 5);
  if (probe.length === 0) return null;
  const all = (test: (r: readonly string[]) => boolean) => probe.every(test);
  const kddLike = (r: readonly string[]) =>
    PROTOCOLS.has(r[1].trim().toLowerCase()) && isNumberLike(r[0]) && isNumberLike(r[4]) && !isNumberLike(r[2]);
  if (all((r) => r.length === 43 && kddLike(r) && isNumberLike(r[42]) && !isNumberLike(r[41]))) {
    return { schema: 'nsl-kdd', names: NSL_KDD_COLUMNS, schemaName: `${SCHEMA_NAMES['nsl-kdd']}, no header` };
  }
  if (all((r) => r.length === 42 && kddLike(r) && r[41].trim().endsWith('.'))) {
    return { schema: 'kdd99', names: KDD99_COLUMNS, schemaName: `${SCHEMA_NAMES.kdd99}, no header` };
  }
  if (all((r) => r.length === 42 && kddLike(r) && !isNumberLike(r[41]))) {
    // NSL-KDD without its difficulty column (some ARFF-to-CSV conversions).
    return {
      schema: 'nsl-kdd',
      names: [...KDD_FEATURES, 'attack'],
      schemaName: 'NSL-KDD without the level column (41 features, attack), no header',
    };
  }
  if (all((r) => r.length === 49 && isIp(r[0].trim()) && isIp(r[2].trim()) && !isNumberLike(r[4]))) {
    return { schema: 'unsw-nb15', names: UNSW_RAW_COLUMNS, schemaName: `${SCHEMA_NAMES['unsw-nb15']} raw records (49 columns), no header` };
  }
  return null;
}

/**
 * Whether the first row is a header, for files that are not a known header-less layout.
 * Any text cell above a column that is numeric in the following rows makes it a header.
 * Otherwise it is data when it holds numbers (a header rarely does), or when it is all text and
 * most of its values recur in their columns below; else a header.
 */
export function firstRowIsHeader(rows: readonly (readonly string[])[]): boolean {
  const first = rows[0];
  const below = rows.slice(1, 51);
  let textCells = 0;
  let numericCells = 0;
  for (let j = 0; j < first.length; j++) {
    const v = first[j];
    if (isEmptyCell(v)) continue;
    if (isNumberLike(v)) {
      numericCells++;
      continue;
    }
    textCells++;
    // Text above a numeric column: a name.
    let numericBelow = 0;
    let textBelow = 0;
    for (const r of below) {
      const w = j < r.length ? r[j] : '';
      if (isEmptyCell(w)) continue;
      if (isNumberLike(w)) numericBelow++;
      else textBelow++;
    }
    if (numericBelow > 0 && textBelow === 0) return true;
  }
  if (textCells === 0) return numericCells === 0; // all numbers → data; all empty → header (blank names)
  // Numbers where the rows below have numbers, text where they have text: a data row.
  if (numericCells > 0) return false;
  if (below.length === 0) return true;
  // Only text over text columns: data if most of the first row's values occur again below.
  let recurring = 0;
  for (let j = 0; j < first.length; j++) {
    const v = first[j];
    if (isEmptyCell(v) || isNumberLike(v)) continue;
    if (below.some((r) => j < r.length && r[j] === v)) recurring++;
  }
  return recurring * 2 <= textCells;
}

export interface ColumnNames {
  /** Unique, trimmed, never blank. */
  readonly names: string[];
  /** As written in the header (or generated for header-less files). */
  readonly sourceNames: string[];
  readonly issues: LoadIssue[];
}

/**
 * Header cells → unique column names: trimmed; blank → `column_<n>`; duplicates → `name_2`,
 * `name_3`. Sets, not objects: `__proto__`, `constructor`, `toString` are ordinary names.
 */
export function makeColumnNames(header: readonly string[], headerLine = 1): ColumnNames {
  const trimmed = header.map((h) => h.trim());
  const reserved = new Set(trimmed.filter((t) => t.length > 0));
  const used = new Set<string>();
  const names: string[] = [];
  const blank: number[] = [];
  const duplicates: { from: string; to: string }[] = [];
  const spaced: string[] = [];
  for (let j = 0; j < trimmed.length; j++) {
    let name = trimmed[j];
    if (name !== header[j] && name.length > 0) spaced.push(header[j]);
    if (name.length === 0) {
      let cand = `column_${j + 1}`;
      let k = 2;
      while (used.has(cand) || reserved.has(cand)) cand = `column_${j + 1}_${k++}`;
      blank.push(j + 1);
      name = cand;
    } else if (used.has(name)) {
      let k = 2;
      let cand = `${name}_${k}`;
      while (used.has(cand) || reserved.has(cand)) cand = `${name}_${++k}`;
      duplicates.push({ from: name, to: cand });
      name = cand;
    }
    used.add(name);
    names.push(name);
  }
  const issues: LoadIssue[] = [];
  if (blank.length > 0) {
    issues.push({
      kind: 'header-blank',
      message: `${fmtInt(blank.length)} header cell${blank.length === 1 ? ' is' : 's are'} blank (column${blank.length === 1 ? '' : 's'} ${blank
        .slice(0, 20)
        .join(', ')}${blank.length > 20 ? ', …' : ''}): named ${blank
        .slice(0, 3)
        .map((j) => `column_${j}`)
        .join(', ')}${blank.length > 3 ? ', …' : ''}.`,
      lines: [headerLine],
      count: blank.length,
    });
  }
  if (duplicates.length > 0) {
    issues.push({
      kind: 'header-duplicate',
      message: `${fmtInt(duplicates.length)} header name${duplicates.length === 1 ? ' is a duplicate' : 's are duplicates'}, renamed: ${duplicates
        .slice(0, 8)
        .map((d) => `${quoteValue(d.from)} → ${quoteValue(d.to)}`)
        .join(', ')}${duplicates.length > 8 ? ', …' : ''}.`,
      lines: [headerLine],
      count: duplicates.length,
    });
  }
  if (spaced.length > 0) {
    issues.push({
      kind: 'header-renamed',
      message: `${fmtInt(spaced.length)} header name${spaced.length === 1 ? ' has' : 's have'} spaces around ${spaced.length === 1 ? 'it' : 'them'}, removed (e.g. ${quoteValue(
        spaced[0],
      )} → ${quoteValue(spaced[0].trim())}).`,
      lines: [headerLine],
      count: spaced.length,
    });
  }
  return { names, sourceNames: [...header], issues };
}

// ───────────────────────────── schema from a header ─────────────────────────────

function countPositionalMatches(lower: readonly string[], expected: readonly string[]): number {
  let n = 0;
  for (let j = 0; j < expected.length && j < lower.length; j++) if (lower[j] === expected[j].toLowerCase()) n++;
  return n;
}

/** Which known data set a header row names. `names` are the trimmed names. */
export function recognizeHeader(names: readonly string[], firstDataRow?: readonly string[]): { schema: SchemaId; schemaName: string } {
  const lower = names.map((n) => n.trim().toLowerCase());
  const has = (n: string) => lower.includes(n);
  const kddMatches = countPositionalMatches(lower, KDD_FEATURES);
  // Tolerate a couple of spelling variants between copies.
  if (kddMatches >= KDD_FEATURES.length - 2) {
    if (lower.length === 43 && lower[42] === 'last_flag') {
      return { schema: 'nsl-kdd-kaggle', schemaName: SCHEMA_NAMES['nsl-kdd-kaggle'] };
    }
    const last = firstDataRow?.[41]?.trim() ?? '';
    if (lower.length === 42 && last.endsWith('.')) {
      return { schema: 'kdd99', schemaName: `${SCHEMA_NAMES.kdd99}, with a header row` };
    }
    if (lower.length === 42 || lower.length === 43) {
      return { schema: 'nsl-kdd', schemaName: `${SCHEMA_NAMES['nsl-kdd']}, with a header row` };
    }
  }
  if (has('srcip') && has('sport') && has('dstip')) {
    return { schema: 'unsw-nb15', schemaName: `${SCHEMA_NAMES['unsw-nb15']} raw records, with a header row` };
  }
  if (has('attack_cat') && has('label') && (has('sbytes') || has('spkts') || has('sttl'))) {
    return { schema: 'unsw-nb15', schemaName: `${SCHEMA_NAMES['unsw-nb15']} training/testing set` };
  }
  if (has('label') && (has('flow duration') || has('destination port') || has('flow bytes/s'))) {
    return { schema: 'cic-ids2017', schemaName: SCHEMA_NAMES['cic-ids2017'] };
  }
  return { schema: 'generic', schemaName: `${SCHEMA_NAMES.generic} with a header row` };
}

// ───────────────────────────── putting it together ─────────────────────────────

export interface Layout {
  readonly hasHeader: boolean;
  readonly schema: SchemaId;
  readonly schemaName: string;
  readonly names: string[];
  readonly sourceNames: string[];
  readonly issues: LoadIssue[];
}

/** The most common field count among `rows` (ties: the earliest). */
function modeFieldCount(rows: readonly (readonly string[])[]): number {
  const freq = new Map<number, number>();
  let best = rows[0].length;
  let bestF = 0;
  for (const r of rows) {
    const f = (freq.get(r.length) ?? 0) + 1;
    freq.set(r.length, f);
    if (f > bestF) {
      best = r.length;
      bestF = f;
    }
  }
  return best;
}

/**
 * Decides header, names and schema from the first non-blank rows of the file (≥ 1 row);
 * `firstLine` is the physical line of `rows[0]`, for messages.
 * The number of columns is the header's, or for header-less files the most common field count.
 */
export function decideLayout(rows: readonly (readonly string[])[], firstLine = 1): Layout {
  const known = matchHeaderless(rows);
  if (known) {
    return {
      hasHeader: false,
      schema: known.schema,
      schemaName: known.schemaName,
      names: [...known.names],
      sourceNames: [...known.names],
      issues: [],
    };
  }
  if (firstRowIsHeader(rows)) {
    const { names, sourceNames, issues } = makeColumnNames(rows[0], firstLine);
    const { schema, schemaName } = recognizeHeader(names, rows[1]);
    return { hasHeader: true, schema, schemaName, names, sourceNames, issues };
  }
  const n = modeFieldCount(rows);
  const names = Array.from({ length: n }, (_, j) => `column_${j + 1}`);
  return {
    hasHeader: false,
    schema: 'generic',
    schemaName: `${SCHEMA_NAMES.generic} without a header row`,
    names,
    sourceNames: [...names],
    issues: [
      {
        kind: 'header-missing',
        message: `No header row found: the first row looks like data (it is not a known layout such as NSL-KDD), so the columns are named column_1 … column_${n}.`,
        lines: [firstLine],
      },
    ],
  };
}
