// The French catalogue, the reference: every area's messages. Each key must exist in English too.
import * as core from './messages/core.js';
import * as charters from './messages/charters.js';
import * as accounts from './messages/accounts.js';
import * as admin from './messages/admin.js';

export const fr = { ...core.fr, ...charters.fr, ...accounts.fr, ...admin.fr };
