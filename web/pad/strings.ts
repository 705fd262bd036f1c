// The page's translated strings, given by the server as a JSON data block.
let strings: Record<string, string> | null = null;

export function t(key: string, params: Record<string, string | number> = {}): string {
  strings ??= JSON.parse(document.getElementById('pad-strings')?.textContent ?? '{}') as Record<string, string>;
  return (strings[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
