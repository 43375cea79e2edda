/// <reference lib="webworker" />
/**
 * The parse worker (nested in the data worker): parses the second half of a file split at a line
 * break, with the layout the data worker decided from the file's start, and returns its typed
 * columns. It holds nothing afterwards; the data worker terminates it after each load, and the
 * browser terminates it with the data worker (Cancel).
 */
import { serve } from './serve';
import { PARSE_METHODS, type ParseMethods } from './protocol-parse';
import { parseCsvPart, partBuffers } from '../src/lib/table/parse';

serve<ParseMethods>(self, PARSE_METHODS, {
  async parsePart(params, ctx) {
    const out = await parseCsvPart(params, (p) => ctx.progress(p));
    if (out.ok) ctx.transfer(...partBuffers(out.part));
    return out;
  },
});
