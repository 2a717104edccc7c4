import { hash } from 'node:crypto';
import { PrefixedBytes } from '../hashing/PrefixedBytes.ts';

/** RFC 4122 namespace for SOLEil event ids derived from their cause (a fixed, random uuid). */
const SOLEIL_EVENT_NAMESPACE = Buffer.from('6f1c2d0e8a4b4c5e9d3a7b1e2f4c6a8d', 'hex');

/** The namespace, then the seed: hashed one-shot (the local bus derives an id for every delivery). */
const named = new PrefixedBytes(SOLEIL_EVENT_NAMESPACE);

/**
 * A name-based (version 5) uuid: the same seed always gives the same id. A subscriber that is retried after
 * publishing then publishes the same event ids again, so downstream idempotency recognises the repeats.
 */
export const derivedEventId = (seed: string): string => {
  const hex = hash('sha1', named.of(seed), 'hex');
  // Version 5 in the high nibble of byte 6 (hex digit 12); variant 10 in the top bits of byte 8 (hex digit 16).
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
