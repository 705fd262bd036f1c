// The owner page: the owner token is in the fragment; it shows the downloads left and deletes the share.
import { apiError, byId, formatDate, myShares, saveMyShares, showError } from './ui.js';

type T = (key: string, params?: Record<string, string | number>) => string;

export async function initOwner(el: HTMLElement, t: T): Promise<void> {
  const lang = el.dataset.lang ?? 'fr';
  const id = el.dataset.id ?? '';
  const token = location.hash.slice(1);
  if (!token) return showError(t('drop.owner.noToken'));
  const headers = { accept: 'application/json', authorization: `Bearer ${token}` };
  const res = await fetch(`/drop/api/shares/${id}/owner`, { headers });
  if (res.status !== 200) return showError(res.status === 404 ? t('drop.receive.gone') : await apiError(res));
  const info = (await res.json()) as { state: string; downloads: number; maxDownloads: number; expiresAt: number };
  const state = byId('drop-owner-state');
  state.textContent = info.state === 'ready' ? t('drop.owner.state', { done: info.downloads, max: info.maxDownloads, date: formatDate(info.expiresAt, lang) }) : t('drop.owner.uploading');
  const button = byId<HTMLButtonElement>('drop-delete');
  button.hidden = false;
  button.addEventListener('click', async () => {
    if (!confirm(t('drop.owner.confirm'))) return;
    const del = await fetch(`/drop/api/shares/${id}`, { method: 'DELETE', headers });
    if (del.status !== 200) return showError(await apiError(del));
    saveMyShares(myShares().filter((s) => s.id !== id));
    button.hidden = true;
    state.textContent = t('drop.owner.deleted');
  });
}
