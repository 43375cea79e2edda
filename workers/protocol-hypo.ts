/** Methods of the data worker's Hypothesis module (filled in by the Hypothesis cells). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type HypothesisMethods = {};

export const HYPOTHESIS_METHODS = [] as const satisfies readonly (keyof HypothesisMethods)[];
