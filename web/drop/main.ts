// Drop's page script (built by Vite to /assets/web/drop.js): send, receive or manage, by the page.
import { root, translator } from './ui.js';
import { initSend } from './send.js';
import { initReceive } from './receive.js';
import { initOwner } from './owner.js';

const el = root();
if (el) {
  const t = translator(el);
  const page = el.dataset.page;
  if (page === 'send') initSend(el, t);
  else if (page === 'receive') void initReceive(el, t);
  else if (page === 'owner') void initOwner(el, t);
}
