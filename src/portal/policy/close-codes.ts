// The WebSocket close codes of a connection cut because the service's opening no longer admits its
// visitor (an admin closed the service, or kept it for members or groups). Shared with the browser.
import type { Refusal } from './access.js';

export const ACCESS_CLOSE: Record<Refusal, number> = { closed: 4451, login: 4452, admission: 4453, group: 4454 };

/** Every access close code: a client does not reconnect after one (the gate would refuse it). */
export const ACCESS_CLOSE_CODES: readonly number[] = Object.values(ACCESS_CLOSE);
