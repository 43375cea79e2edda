import type { Handlers } from './serve';
import type { MlMethods } from './protocol-ml';

export const mlHandlers: Handlers<MlMethods> = {};
