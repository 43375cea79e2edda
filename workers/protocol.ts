/**
 * The typed message protocol between the UI and the workers (DESIGN §1, STYLE 6).
 * Every message travels in a versioned envelope; the method tables below say, for each
 * method, what is sent, what comes back, and what progress looks like. Validators at the
 * boundary reject malformed messages instead of coercing them.
 */
import type { DataMethods } from './protocol-data';
import type { ModelMethods } from './protocol-model';

export type * from './protocol-data';
export type * from './protocol-model';

export const PROTOCOL_VERSION = 1 as const;

/** A method table: method name → { params, result, progress }. */
export type MethodTable = Record<string, { params: unknown; result: unknown; progress: unknown }>;

export interface RequestEnvelope<M extends MethodTable, K extends keyof M & string = keyof M & string> {
  readonly v: typeof PROTOCOL_VERSION;
  readonly id: number;
  readonly method: K;
  readonly params: M[K]['params'];
}

export interface ErrorPayload {
  /** Human-readable, specific; shown in the UI as text. */
  readonly message: string;
  /** Machine-readable category for the UI to branch on. */
  readonly code: string;
}

export type ResponseEnvelope<M extends MethodTable, K extends keyof M & string = keyof M & string> =
  | { readonly v: typeof PROTOCOL_VERSION; readonly id: number; readonly type: 'progress'; readonly progress: M[K]['progress'] }
  | { readonly v: typeof PROTOCOL_VERSION; readonly id: number; readonly type: 'result'; readonly result: M[K]['result'] }
  | { readonly v: typeof PROTOCOL_VERSION; readonly id: number; readonly type: 'error'; readonly error: ErrorPayload };

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** Structural check of a worker → UI message; payload shapes are owned by the method tables. */
export function isResponseEnvelope(x: unknown): x is ResponseEnvelope<MethodTable> {
  if (!isObject(x) || x.v !== PROTOCOL_VERSION || typeof x.id !== 'number') return false;
  switch (x.type) {
    case 'progress':
      return 'progress' in x;
    case 'result':
      return 'result' in x;
    case 'error':
      return isObject(x.error) && typeof x.error.message === 'string' && typeof x.error.code === 'string';
    default:
      return false;
  }
}

/** Structural check of a UI → worker message against a list of known methods. */
export function isRequestEnvelope<M extends MethodTable>(
  x: unknown,
  methods: readonly (keyof M & string)[],
): x is RequestEnvelope<M> {
  return (
    isObject(x) &&
    x.v === PROTOCOL_VERSION &&
    typeof x.id === 'number' &&
    typeof x.method === 'string' &&
    (methods as readonly string[]).includes(x.method) &&
    'params' in x
  );
}

export type { DataMethods, ModelMethods };
