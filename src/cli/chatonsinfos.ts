// SPDX-License-Identifier: AGPL-3.0-or-later
// `chaton chatonsinfos check <file-or-url>`: prints the errors and warnings of one file.
import { runChatonsInfosCheck } from '../federation/chatonsinfos/index.js';

export async function chatonsinfosCheckCommand(target: string): Promise<void> {
  process.exitCode = await runChatonsInfosCheck(target, (line) => console.log(line));
}
