// SPDX-License-Identifier: AGPL-3.0-or-later
// Turns the bytes of a ChatonsInfos file into text. The rule, shared by the crawler, the web validator
// and `chaton chatonsinfos check`: a charset declared by the server (Content-Type) is honoured; without
// one, the bytes are UTF-8 when they are valid UTF-8, else ISO-8859-1, which is what Java 9 and later do
// for `.properties` files (the format's historical encoding), and the fallback is reported as a warning.
import { decodeUtf8 } from './properties-parser.js';

/** How the text was obtained: the declared charset, valid UTF-8, or the ISO-8859-1 fallback. */
export type DecodedBy = 'declared' | 'utf-8' | 'latin1-fallback' | 'invalid-utf-8';

export interface DecodedFile {
  text: string;
  /** The name of the encoding used ("utf-8", "iso-8859-1", or the WHATWG name of a declared one). */
  encoding: string;
  by: DecodedBy;
}

/** The charset parameter of a Content-Type header, lower-cased, or null. */
export function declaredCharset(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  const label = (m?.[1] ?? m?.[2] ?? '').trim().toLowerCase();
  return label === '' ? null : label;
}

/** A decoder for a charset label, or null when the label is unknown (then it is ignored). */
function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label, { ignoreBOM: false });
  } catch {
    return null;
  }
}

/**
 * Decodes a file by the rule above. A declared UTF-8 that is not valid UTF-8 stays an error
 * (`invalid-utf-8`: the bytes the server vouched for are wrong), the replaced bytes shown as U+FFFD.
 */
export function decodeChatonsInfos(bytes: Uint8Array, contentType?: string | null): DecodedFile {
  const label = declaredCharset(contentType);
  const declared = label === null ? null : decoderFor(label);
  if (declared && declared.encoding !== 'utf-8') {
    return { text: declared.decode(bytes), encoding: declared.encoding, by: 'declared' };
  }
  const utf8 = decodeUtf8(bytes);
  if (utf8.valid) return { text: utf8.text, encoding: 'utf-8', by: declared ? 'declared' : 'utf-8' };
  if (declared) return { text: utf8.text, encoding: 'utf-8', by: 'invalid-utf-8' };
  return { text: new TextDecoder('latin1').decode(bytes), encoding: 'iso-8859-1', by: 'latin1-fallback' };
}
