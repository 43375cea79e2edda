import type { Handlers } from './serve';
import type { EdaMethods } from './protocol-eda';

export const edaHandlers: Handlers<EdaMethods> = {};
