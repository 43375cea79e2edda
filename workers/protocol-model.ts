/**
 * Methods of the model worker (DESIGN §1, §5): it owns TensorFlow.js.
 */

export type BackendName = 'webgl' | 'wasm' | 'cpu';

export interface BackendChoice {
  readonly backend: BackendName;
  readonly reason: string;
}

export type ModelMethods = {
  init: { params: { readonly force: BackendName | null }; result: BackendChoice; progress: never };
};

export const MODEL_METHODS = ['init'] as const satisfies readonly (keyof ModelMethods)[];
