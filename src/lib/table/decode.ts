/**
 * Bytes → text, done by us rather than by PapaParse (DESIGN §4: PapaParse streaming a File decodes
 * each chunk alone and turns a multi-byte character split by a chunk boundary into U+FFFD).
 *
 * `decodeStream` is the equivalent of `stream.pipeThrough(new TextDecoderStream('utf-8'))`: one
 * streaming `TextDecoder` carries partial characters from one chunk to the next. We drive the
 * decoder ourselves so that we can count the bytes read (for progress) without another stream
 * stage. The UTF-8 BOM is dropped by the decoder (`ignoreBOM: false`).
 */
import { LoadError } from './errors';
import { fmtInt as fmt } from './infer';

export interface DecodedPiece {
  readonly text: string;
  /** Bytes read from the stream so far (including this piece). */
  readonly bytes: number;
}

function cancelled(): LoadError {
  return new LoadError('Loading was cancelled.', 'cancelled');
}

export interface BytePiece {
  readonly chunk: Uint8Array;
  /** Bytes read from the stream so far (including this chunk). */
  readonly bytes: number;
}

/** Reads a byte stream chunk by chunk; stops the source when left early (an error, a cancel). */
export async function* readStream(stream: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<BytePiece, void, undefined> {
  const reader = stream.getReader();
  let bytes = 0;
  let done = false;
  try {
    for (;;) {
      if (signal?.aborted) throw cancelled();
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (err) {
        const why = err instanceof Error && err.message ? `: ${err.message}` : '';
        throw new LoadError(`The file could not be read${why}.`, 'read');
      }
      if (r.done) break;
      bytes += r.value.byteLength;
      yield { chunk: r.value, bytes };
    }
    done = true;
  } finally {
    if (!done) {
      // Stop the underlying source (file read / fetch) when we leave early: error or cancel.
      reader.cancel().catch(() => undefined);
    }
    reader.releaseLock();
  }
}

/** Decodes a byte stream as UTF-8, piece by piece; invalid bytes become U+FFFD (counted later). */
export async function* decodeStream(
  stream: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<DecodedPiece, void, undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let bytes = 0;
  for await (const piece of readStream(stream, signal)) {
    bytes = piece.bytes;
    const text = decoder.decode(piece.chunk, { stream: true });
    if (text.length > 0) yield { text, bytes };
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield { text: tail, bytes };
}

/**
 * Turns `\r\n` and lone `\r` into `\n`, across piece boundaries (a piece may end between `\r` and
 * `\n`). After this no `\r` reaches the parser: names, last-column values and quoted values are
 * clean, and a physical line is one `\n`.
 */
export class NewlineNormalizer {
  private pendingCR = false;

  /** A `\r` at the end of the last piece waits to see whether a `\n` follows. */
  get holdsCR(): boolean {
    return this.pendingCR;
  }

  push(piece: string): string {
    let s = piece;
    if (this.pendingCR) {
      s = '\r' + s;
      this.pendingCR = false;
    }
    if (s.length > 0 && s.charCodeAt(s.length - 1) === 13) {
      s = s.slice(0, -1);
      this.pendingCR = true;
    }
    return s.indexOf('\r') === -1 ? s : s.replace(/\r\n?/g, '\n');
  }

  flush(): string {
    const out = this.pendingCR ? '\n' : '';
    this.pendingCR = false;
    return out;
  }
}

/** Whether `bytes[from, to)` is ASCII without a quote or a carriage return (see `CsvBuilder.pushBytes`). */
export function isPlainAscii(bytes: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = bytes[k];
    if (c > 127 || c === 34 || c === 13) return false;
  }
  return true;
}

/** How many U+FFFD replacement characters `s` contains. */
export function countReplacementChars(s: string): number {
  let n = 0;
  let i = s.indexOf('\uFFFD');
  while (i !== -1) {
    n++;
    i = s.indexOf('\uFFFD', i + 1);
  }
  return n;
}

/** Number of `\n` in `s` between `from` (inclusive) and `to` (exclusive). */
export function countNewlines(s: string, from = 0, to = s.length): number {
  let n = 0;
  let i = s.indexOf('\n', from);
  while (i !== -1 && i < to) {
    n++;
    i = s.indexOf('\n', i + 1);
  }
  return n;
}

/** How many characters the binary sniff looks at. */
export const SNIFF_CHARS = 1024;

/**
 * Throws a LoadError when the start of the decoded text shows the file is not text: NUL bytes,
 * many control characters, a zip/gzip signature, or UTF-16 (NULs between ASCII letters).
 * `head` is the first `SNIFF_CHARS` characters (or the whole file when shorter).
 */
export function sniffBinary(head: string, fileName?: string): void {
  const what = fileName ? `“${fileName}”` : 'The file';
  if (head.startsWith('PK\u0003\u0004') || head.startsWith('\u001f\uFFFD\u0008')) {
    throw new LoadError(
      `${what} looks like a compressed archive (zip or gzip), not CSV text: unpack it and load the CSV inside.`,
      'binary',
    );
  }
  const n = head.length;
  if (n === 0) return;
  let nul = 0;
  let nulOdd = 0;
  let control = 0;
  let replacement = 0;
  for (let i = 0; i < n; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) {
      nul++;
      if (i % 2 === 1) nulOdd++;
    } else if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 11) || c === 127) {
      control++;
    } else if (c === 0xfffd) {
      replacement++;
    }
  }
  if (nul > 0) {
    // UTF-16 text of ASCII characters: every other byte is NUL (the BOM FF FE decodes to U+FFFD).
    const utf16 = nul >= n / 3 && (nulOdd >= nul * 0.9 || nulOdd <= nul * 0.1);
    if (utf16) {
      throw new LoadError(
        `${what} looks like UTF-16 text (every other byte is zero). Save it as UTF-8 (“CSV UTF-8”) and load it again.`,
        'encoding',
      );
    }
    throw new LoadError(
      `${what} looks binary, not CSV text: it contains NUL bytes near the start (${fmt(nul)} in the first ${fmt(n)} characters).`,
      'binary',
    );
  }
  if (control > n * 0.1 || (control > 0 && control + replacement > n * 0.3)) {
    throw new LoadError(
      `${what} looks binary, not CSV text: ${fmt(control)} of its first ${fmt(n)} characters are control characters.`,
      'binary',
    );
  }
}
