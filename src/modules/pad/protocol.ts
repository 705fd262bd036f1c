// The pad's WebSocket protocol, shared by the server and the browser: message types, close codes,
// limits, and their (de)coding with lib0. Sync and awareness payloads are y-protocols' own.
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/** First varUint of every message. */
export const MSG = {
  /** y-protocols sync message (step 1 / step 2 / update). Server → client, and step 1 client → server. */
  sync: 0,
  /** y-protocols awareness update (cursors, names, colours), both ways. */
  awareness: 1,
  /** Client → server: [seq][update]; the server answers `ack` once the update is durable. */
  update: 2,
  /** Server → client: [seq] of the last durable update of this connection. */
  ack: 3,
  /** Chat: client → server [text]; server → client [json ChatMessage]. */
  chat: 4,
  /** Server → client: [json PadInfo] (read-only, authors, deletion date…), sent on connect and on change. */
  info: 5,
  /** Client → server: [json AuthorInfo] the author's chosen name and colour. */
  hello: 6,
  /** Server → client: [json AuthorInfo] one author's name and colour, new or changed (the rest is unchanged). */
  author: 7,
} as const;

/** WebSocket close codes (4000–4999 are ours). The browser shows a message for each. */
export const CLOSE = {
  malformed: 4400,
  readOnly: 4403,
  unknownPad: 4404,
  tooLarge: 4413,
  padFull: 4507,
  /** An edit nesting blocks deeper than `pad.max_depth` (or that does not apply to the pad). */
  tooDeep: 4422,
  flood: 4429,
  slowReader: 4408,
  deleted: 4410,
  shutdown: 1001,
} as const;

export interface ChatMessage { id: number; at: number; author: string; name: string; color: string; text: string }
export interface AuthorInfo { author: string; name: string; color: string }
export interface PadInfo {
  readOnly: boolean;
  /** Epoch ms when the pad will be deleted if nobody edits it; null: never. */
  deleteAt: number | null;
  authors: AuthorInfo[];
  maxBytes: number;
}

export const CHAT_MAX_CHARS = 1000;
export const NAME_MAX_CHARS = 40;
/** A saved version's label. Lengths of text people write count code points (src/i18n/text-length.ts). */
export const VERSION_LABEL_MAX_CHARS = 80;
export const AUTHOR_ID = /^[A-Za-z0-9_-]{8,32}$/;
export const COLOR = /^#[0-9a-f]{6}$/;

export function encodeUpdate(seq: number, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.update);
  encoding.writeVarUint(e, seq);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function encodeAck(seq: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.ack);
  encoding.writeVarUint(e, seq);
  return encoding.toUint8Array(e);
}

export function encodeString(type: number, text: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  encoding.writeVarString(e, text);
  return encoding.toUint8Array(e);
}

export function encodeJson(type: number, value: unknown): Uint8Array {
  return encodeString(type, JSON.stringify(value));
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.awareness);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A decoder positioned after the message type, and the type. Throws on an empty message. */
export function openMessage(data: Uint8Array): { type: number; decoder: decoding.Decoder } {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  return { type, decoder };
}

/** A readable default colour for an author id (same on every browser). */
export function colorFor(author: string): string {
  let h = 0;
  for (let i = 0; i < author.length; i++) h = (h * 31 + author.charCodeAt(i)) >>> 0;
  const palette = ['#ffd6a5', '#caffbf', '#9bf6ff', '#bdb2ff', '#ffc6ff', '#fdffb6', '#ffadad', '#a0c4ff', '#b9fbc0', '#f1c0e8'];
  return palette[h % palette.length] ?? '#ffd6a5';
}
