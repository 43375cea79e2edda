/**
 * Methods of the parse worker: a dedicated worker the data worker starts (nested) to read the
 * second half of a large file while it reads the first (src/lib/table/parse.ts, `parseCsvBlob`).
 * The request carries a Blob slice (no bytes copied); the result's column buffers are transferred.
 */
import type { PartOutcome, PartProgress, PartRequest } from '../src/lib/table/parse';

export type ParseMethods = {
  parsePart: { params: PartRequest; result: PartOutcome; progress: PartProgress };
};

export const PARSE_METHODS: readonly (keyof ParseMethods)[] = ['parsePart'];
