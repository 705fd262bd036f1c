// The English catalogue: each area's English messages are typed by its French ones.
import type { fr } from './fr.js';
import * as core from './messages/core.js';
import * as charters from './messages/charters.js';
import * as accounts from './messages/accounts.js';
import * as admin from './messages/admin.js';

export const en: Record<keyof typeof fr, string> = { ...core.en, ...charters.en, ...accounts.en, ...admin.en };
