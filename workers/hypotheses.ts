import type { Handlers } from './serve';
import type { HypothesisMethods } from './protocol-hypo';

export const hypothesisHandlers: Handlers<HypothesisMethods> = {};
