// Real ZIP extractors for the tests of Drop's archive: Debian's `unzip` (Info-ZIP) and `7z`
// (p7zip-full). Tests skip when one is absent, except in CI (.ci/run installs them).
import { existsSync } from 'node:fs';

export const UNZIP = '/usr/bin/unzip';
export const SEVEN_ZIP = '/usr/bin/7z';

/** Why the extractor tests are skipped, or false when they run; throws in CI when a tool is missing. */
export function extractorsSkip(): string | false {
  const missing = [
    [UNZIP, 'unzip'],
    [SEVEN_ZIP, 'p7zip-full'],
  ].filter(([path]) => !existsSync(path!));
  if (missing.length === 0) return false;
  const what = missing.map(([path, pkg]) => `${path} (Debian package ${pkg})`).join(' and ');
  if (process.env.CI) throw new Error(`${what} missing: .ci/run installs them`);
  return `${what} not installed`;
}
