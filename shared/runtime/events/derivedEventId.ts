import { hash } from 'node:crypto';

/** RFC 4122 namespace for SOLEil event ids derived from their cause (a fixed, random uuid). */
const SOLEIL_EVENT_NAMESPACE = Buffer.from('6f1c2d0e8a4b4c5e9d3a7b1e2f4c6a8d', 'hex');
const NAMESPACE_BYTES = SOLEIL_EVENT_NAMESPACE.byteLength;

/**
 * The namespace, then room for a seed: hashed with one-shot `hash` (the local bus derives an id for every
 * delivery, and a createHash object per call leaves a weak handle for the thread's next collection).
 */
let hashed = Buffer.alloc(NAMESPACE_BYTES + 256);
SOLEIL_EVENT_NAMESPACE.copy(hashed);

/**
 * A name-based (version 5) uuid: the same seed always gives the same id. A subscriber that is retried after
 * publishing then publishes the same event ids again, so downstream idempotency recognises the repeats.
 */
export const derivedEventId = (seed: string): string => {
  // A UTF-16 unit takes at most 3 bytes in UTF-8.
  if (hashed.byteLength < NAMESPACE_BYTES + seed.length * 3) {
    hashed = Buffer.alloc(NAMESPACE_BYTES + seed.length * 3);
    SOLEIL_EVENT_NAMESPACE.copy(hashed);
  }
  const written = hashed.write(seed, NAMESPACE_BYTES, 'utf8');
  const hex = hash('sha1', hashed.subarray(0, NAMESPACE_BYTES + written), 'hex');
  // Version 5 in the high nibble of byte 6 (hex digit 12); variant 10 in the top bits of byte 8 (hex digit 16).
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
