import { createHash } from 'node:crypto';

/** RFC 4122 namespace for SOLEil event ids derived from their cause (a fixed, random uuid). */
const SOLEIL_EVENT_NAMESPACE = Buffer.from('6f1c2d0e8a4b4c5e9d3a7b1e2f4c6a8d', 'hex');

/**
 * A name-based (version 5) uuid: the same seed always gives the same id. A subscriber that is retried after
 * publishing then publishes the same event ids again, so downstream idempotency recognises the repeats.
 */
export const derivedEventId = (seed: string): string => {
  const hash = createHash('sha1').update(SOLEIL_EVENT_NAMESPACE).update(seed).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
