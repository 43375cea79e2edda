/**
 * The table library: CSV → typed columns, schema and label detection (DESIGN §3).
 * `danfo.ts` is deliberately not re-exported: it pulls danfojs (and tfjs) into whatever imports
 * it, and only the data worker should. Import it as `src/lib/table/danfo` there.
 */
export * from './types';
export { LoadError, isLoadError } from './errors';
export {
  parseCsvStream,
  parseCsvText,
  findUnclosedQuote,
  delimiterName,
  DEFAULT_CHUNK_CHARS,
  DEFAULT_MAX_ROW_CHARS,
  DEFAULT_RETAIN_CHARS,
  type ParseOptions,
  type ParseProgress,
  type ParsedTable,
} from './parse';
export { detectLabel, LABEL_NAMES, NORMAL_VALUES, MAX_CLASSES, type LabelDetection, type LabelOverride, type LabelClass } from './label';
export {
  ColumnBuilder,
  typeColumn,
  classifyCell,
  cellNumber,
  parseNumberCell,
  fmtInt,
  quoteValue,
  CELL_MISSING,
  CELL_NUMBER,
  CELL_TEXT,
  CELL_LEADING_ZERO,
  CELL_HEX,
  CELL_NAN,
} from './infer';
export {
  detectDelimiter,
  decideLayout,
  firstRowIsHeader,
  makeColumnNames,
  recognizeHeader,
  KDD_FEATURES,
  NSL_KDD_COLUMNS,
  NSL_KDD_KAGGLE_COLUMNS,
  KDD99_COLUMNS,
  UNSW_RAW_COLUMNS,
  SCHEMA_NAMES,
  DELIMITERS,
  type Layout,
  type ColumnNames,
} from './schema';
export { decodeStream, NewlineNormalizer, sniffBinary, countReplacementChars, countNewlines, SNIFF_CHARS } from './decode';
