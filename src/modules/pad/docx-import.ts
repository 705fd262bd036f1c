// Import of a Word file (.docx): mammoth turns it into HTML, which then goes through the HTML import (its
// allow-list and depth limit). A .docx is a ZIP: the sizes its directory declares are added up first, and
// a file that would unpack to more than DOCX_MAX_UNZIPPED_BYTES is refused before anything is unpacked.
// Loaded on the first such import, not at start.
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { AppError } from '../../server/errors.js';
import type { Block } from './document.js';
import { fromHtml } from './import.js';

/** The most a .docx may unpack to (its text, styles and pictures together). */
export const DOCX_MAX_UNZIPPED_BYTES = 32 * 1024 * 1024;

/** A .docx (its bytes) to blocks; 400 when it is not one, 413 when it unpacks to too much. */
export async function fromDocx(bytes: Uint8Array, max: number): Promise<Block[]> {
  let total = 0;
  try {
    // The filter sees each entry's declared size and unpacks none.
    unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        return false;
      },
    });
  } catch {
    throw new AppError(400, 'pad.import.notDocx');
  }
  if (total > DOCX_MAX_UNZIPPED_BYTES) throw new AppError(413, 'pad.import.tooLarge');
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch {
    throw new AppError(400, 'pad.import.notDocx');
  }
  return fromHtml(html, max);
}
