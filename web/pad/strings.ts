// The page's translated strings, given by the server as a JSON data block.
import { formatMessage } from '../../src/i18n/format.js';

let strings: Record<string, string> | null = null;

export function t(key: string, params: Record<string, string | number> = {}): string {
  strings ??= JSON.parse(document.getElementById('pad-strings')?.textContent ?? '{}') as Record<string, string>;
  return formatMessage(strings[key] ?? key, params, document.documentElement.lang);
}
