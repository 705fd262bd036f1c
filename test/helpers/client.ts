// A small HTTP client for integration tests: a cookie jar, no automatic redirects, and form helpers
// that read the CSRF token from the page that holds the form, as a browser would.
export interface Response {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
  json<T = unknown>(): T;
}

export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string, readonly defaultHeaders: Record<string, string> = {}) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, init: { body?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...this.defaultHeaders, ...init.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const res = await fetch(this.base + path, { method, headers, body: (init.body ?? null) as BodyInit | null, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location'), json: <T,>() => JSON.parse(text) as T };
  }

  get(path: string, headers?: Record<string, string>): Promise<Response> {
    return this.request('GET', path, headers ? { headers } : {});
  }

  post(path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.request('POST', path, { body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }

  /** Loads `page`, takes the CSRF token of its forms and posts `form` to `action` (default: the page). */
  async submit(page: string, form: Record<string, string | string[]>, action = page): Promise<Response> {
    const res = await this.get(page);
    const token = csrfToken(res.text);
    if (!token) throw new Error(`no CSRF token on ${page} (status ${res.status})`);
    return this.post(action, { _csrf: token, ...form });
  }
}

export function csrfToken(html: string): string | null {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? null;
}

/** The text of an HTML page without tags, entities decoded, whitespace folded: for assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
