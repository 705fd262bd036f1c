// The messages between the paste page and its formatting worker (web/paste/format-worker.ts).
export type FormatJob = { kind: 'markdown'; text: string } | { kind: 'highlight'; text: string; language?: string; sampleChars: number };
export interface FormatResult { html: string | null }
