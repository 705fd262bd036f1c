// The English catalogue: each area's English messages are typed by its French ones.
import type { fr } from './fr.js';
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

export const en: Record<keyof typeof fr, string> = { ...core.en, ...charters.en, ...accounts.en, ...admin.en, ...directory.en, ...paste.en, ...pad.en, ...drop.en, ...mail.en, ...audit.en };
