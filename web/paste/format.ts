// Runs a formatting job in a worker with a time budget: past the budget the worker is terminated and the
// answer is null (the paste stays plain text). One worker per job, so a stuck job never delays another.
import type { FormatJob, FormatResult } from './format-job.js';

export function formatInWorker(job: FormatJob, budgetMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./format-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(null);
      return;
    }
    const finish = (html: string | null): void => {
      clearTimeout(timer);
      worker.terminate();
      resolve(html);
    };
    const timer = setTimeout(() => finish(null), budgetMs);
    worker.onmessage = (event: MessageEvent<FormatResult>) => finish(typeof event.data?.html === 'string' ? event.data.html : null);
    worker.onerror = () => finish(null);
    worker.postMessage(job);
  });
}
