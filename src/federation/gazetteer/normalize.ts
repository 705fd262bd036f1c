// SPDX-License-Identifier: AGPL-3.0-or-later
// The key a town name is found by: case, accents, hyphens, apostrophes and "St"/"Ste" do not matter, so
// "quimper", "QUIMPER", "Saint-Denis", "st denis" and "Sainte Anne d'Auray" find what a person means.

const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i' };

/** The comparison key of a place name: lower case, no marks, words separated by one space. */
export function placeKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæßøđłı]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}

/** Whether a key is written in Latin letters (the names we index besides each town's own). */
export const isLatinKey = (key: string): boolean => /^[a-z0-9 ]+$/.test(key);
