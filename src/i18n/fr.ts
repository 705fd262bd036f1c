// The French catalogue, the reference: every area's messages. Each key must exist in English too.
import * as core from './messages/core.js';
import * as charters from './messages/charters.js';
import * as accounts from './messages/accounts.js';
import * as admin from './messages/admin.js';
import * as directory from './messages/directory.js';
import * as paste from './messages/paste.js';
import * as pad from './messages/pad.js';
import * as drop from './messages/drop.js';
import * as mail from './messages/mail.js';
import * as audit from './messages/audit.js';

export const fr = { ...core.fr, ...charters.fr, ...accounts.fr, ...admin.fr, ...directory.fr, ...paste.fr, ...pad.fr, ...drop.fr, ...mail.fr, ...audit.fr };
