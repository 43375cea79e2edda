/** Methods of the data worker's Eda module (filled in by the Eda cells). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type EdaMethods = {};

export const EDA_METHODS = [] as const satisfies readonly (keyof EdaMethods)[];
