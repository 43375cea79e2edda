/**
 * The one error type the table library throws for problems with the *input* (as opposed to bugs).
 * `message` is written for the user and shown verbatim; `code` lets the UI and tests branch.
 *
 * Codes used here: 'empty', 'header-only', 'binary', 'encoding' (UTF-16 and similar),
 * 'unclosed-quote', 'line-too-long', 'cancelled', 'read', 'no-columns', 'unknown-column',
 * 'unknown-value'.
 */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

export function isLoadError(err: unknown): err is LoadError {
  return err instanceof LoadError;
}
