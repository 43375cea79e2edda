/**
 * The worker side of the protocol: validates each request, dispatches it to a handler, and
 * posts progress, the result (with its transferables) or a specific error back.
 */
import {
  PROTOCOL_VERSION,
  isRequestEnvelope,
  type ErrorPayload,
  type MethodTable,
  type ResponseEnvelope,
} from './protocol';

export interface HandlerContext<P> {
  /** Sends a progress report for this call (cheap: call it every few hundred ms, not per row). */
  progress(progress: P): void;
  /** Marks buffers of the result to be transferred rather than copied. */
  transfer(...buffers: Transferable[]): void;
}

export type Handlers<M extends MethodTable> = {
  [K in keyof M & string]: (params: M[K]['params'], ctx: HandlerContext<M[K]['progress']>) => Promise<M[K]['result']> | M[K]['result'];
};

/** An error whose message is meant for the user, with a code the UI can branch on. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string = 'user',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof UserError) return { message: err.message, code: err.code };
  // Library errors meant for the user (e.g. LoadError) carry a string `code`.
  if (err instanceof Error && typeof (err as { code?: unknown }).code === 'string') {
    return { message: err.message, code: (err as Error & { code: string }).code };
  }
  if (err instanceof Error) return { message: err.message || err.name, code: 'internal' };
  return { message: String(err), code: 'internal' };
}

interface Port {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
}

export function serve<M extends MethodTable>(
  port: Port,
  methods: readonly (keyof M & string)[],
  handlers: Handlers<M>,
): void {
  const post = (msg: ResponseEnvelope<M>, transfer: Transferable[] = []) => port.postMessage(msg, transfer);
  port.addEventListener('message', (ev: MessageEvent) => {
    const data: unknown = ev.data;
    if (!isRequestEnvelope<M>(data, methods)) {
      const id = typeof (data as { id?: unknown })?.id === 'number' ? (data as { id: number }).id : -1;
      post({ v: PROTOCOL_VERSION, id, type: 'error', error: { message: 'Malformed request to worker', code: 'bad-request' } });
      return;
    }
    const { id, method, params } = data;
    const transfer: Transferable[] = [];
    const ctx: HandlerContext<unknown> = {
      progress: (progress) => post({ v: PROTOCOL_VERSION, id, type: 'progress', progress }),
      transfer: (...buffers) => transfer.push(...buffers),
    };
    const handler = handlers[method] as (p: unknown, c: HandlerContext<unknown>) => unknown;
    Promise.resolve()
      .then(() => handler(params, ctx))
      .then(
        (result) => post({ v: PROTOCOL_VERSION, id, type: 'result', result }, transfer),
        (err: unknown) => post({ v: PROTOCOL_VERSION, id, type: 'error', error: toErrorPayload(err) }),
      );
  });
}
