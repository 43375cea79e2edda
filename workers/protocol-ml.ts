/** Methods of the data worker's ML module (preprocessing for the model; test files). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type MlMethods = {};

export const ML_METHODS = [] as const satisfies readonly (keyof MlMethods)[];
