// SPDX-License-Identifier: AGPL-3.0-or-later
// SSRF protection: which IP addresses the crawler must not reach (loopback, private, link-local…).
import { isIP } from 'node:net';

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

// [first address, prefix length] of IPv4 ranges that are not the public internet.
const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
];

function inV4Range(ip: string, base: string, bits: number): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((v4ToInt(ip) & mask) >>> 0) === ((v4ToInt(base) & mask) >>> 0);
}

/** Expands an IPv6 address to 8 numbers. */
function v6Words(ip: string): number[] {
  let text = ip.toLowerCase().split('%')[0] ?? '';
  // A trailing dotted IPv4 part (::ffff:10.0.0.1) becomes two words.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const n = v4ToInt(dotted[1]);
    text = text.slice(0, -dotted[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((w) => parseInt(w, 16));
}

/** True when `ip` is not a public unicast address. */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return V4_BLOCKED.some(([base, bits]) => inV4Range(ip, base, bits));
  if (family !== 6) return true;
  const w = v6Words(ip);
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = w;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0) {
    // ::, ::1, IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses.
    if (f === 0xffff || f === 0) return f === 0 && g === 0 && h <= 1 ? true : isPrivateAddress(`${g >> 8}.${g & 255}.${h >> 8}.${h & 255}`);
  }
  if ((a & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((a & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((a & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((a & 0xff00) === 0xff00) return true; // multicast
  if (a === 0x2001 && b === 0x0db8) return true; // documentation
  if (a === 0x64 && b === 0xff9b) return isPrivateAddress(`${g >> 8}.${g & 255}.${h >> 8}.${h & 255}`); // NAT64
  return false;
}

/** What the crawler may reach. */
export interface AddressPolicy { allowPrivate: boolean; allowed: readonly string[] }

/** True when the policy lets the crawler connect to `ip`. */
export function addressAllowed(ip: string, policy: AddressPolicy): boolean {
  return policy.allowPrivate || policy.allowed.includes(ip) || !isPrivateAddress(ip);
}
