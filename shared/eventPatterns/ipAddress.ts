import { InvalidEventPatternError } from './InvalidEventPatternError.ts';

/** An IP address as 16-bit words: 2 for IPv4, 8 for IPv6, so both compare the same way. */
type IpWords = readonly number[];

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): number[] | null {
  const m = IPV4.exec(text);
  if (m === null) return null;
  const bytes: number[] = [];
  for (let i = 1; i <= 4; i++) {
    const byte = Number(m[i]);
    if (byte > 255) return null;
    bytes.push(byte);
  }
  const [a = 0, b = 0, c = 0, d = 0] = bytes;
  return [(a << 8) | b, (c << 8) | d];
}

function parseGroups(part: string): number[] | null {
  if (part === '') return [];
  const words: number[] = [];
  const groups = part.split(':');
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? '';
    if (i === groups.length - 1 && group.includes('.')) {
      const v4 = parseIpv4(group);
      if (v4 === null) return null;
      words.push(...v4);
    } else {
      if (!HEX_GROUP.test(group)) return null;
      words.push(Number.parseInt(group, 16));
    }
  }
  return words;
}

function parseIpv6(text: string): number[] | null {
  if (!text.includes(':')) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? '');
  if (head === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const tail = parseGroups(halves[1] ?? '');
  if (tail === null || head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** Parses an IPv4 or IPv6 literal; `null` when the text is not one. */
function parseIpAddress(text: string): IpWords | null {
  return parseIpv4(text) ?? parseIpv6(text);
}

/** A canonical text of an IP literal, so `2001:db8::1` and `2001:0db8:0:0:0:0:0:1` compare equal. */
export function ipAddressKey(text: string): string | null {
  const words = parseIpAddress(text);
  return words === null ? null : words.join(':');
}

function compareWords(a: IpWords, b: IpWords): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Java's String.split drops trailing empty strings; AWS's CIDR errors depend on that. */
function javaSplit(text: string, separator: string): string[] {
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * Parses a `cidr` pattern value into a membership test, with AWS's validation messages.
 */
export function compileCidr(cidr: string): (value: unknown) => boolean {
  const parts = javaSplit(cidr, '/');
  if (parts.length !== 2) throw new InvalidEventPatternError("Malformed CIDR, one '/' required");
  const [ipText = '', maskText = ''] = parts;
  const maskBits = /^[+-]?\d{1,10}$/.test(maskText) ? Number(maskText) : Number.NaN;
  if (!Number.isInteger(maskBits) || maskBits > 2147483647 || maskBits < -2147483648) {
    throw new InvalidEventPatternError('Malformed CIDR, mask bits must be an integer');
  }
  if (maskBits < 0) throw new InvalidEventPatternError('Malformed CIDR, mask bits must not be negative');
  const base = parseIpAddress(ipText);
  if (base === null) throw new InvalidEventPatternError(`Nonstandard IP address: ${ipText}`);
  const isV4 = base.length === 2;
  if (isV4 && maskBits > 31) throw new InvalidEventPatternError('IPv4 mask bits must be < 32');
  if (!isV4 && maskBits > 127) throw new InvalidEventPatternError('IPv6 mask bits must be < 128');

  // AWS keeps the host bits of the base address as the bottom of the range (it does not clear them).
  const bottom = [...base];
  const top = base.map((word, i) => {
    const hostBits = Math.min(16, Math.max(0, (i + 1) * 16 - maskBits));
    return word | ((1 << hostBits) - 1);
  });
  return (value: unknown): boolean => {
    if (typeof value !== 'string') return false;
    const ip = parseIpAddress(value);
    if (ip === null || ip.length !== bottom.length) return false;
    return compareWords(ip, bottom) >= 0 && compareWords(ip, top) <= 0;
  };
}
