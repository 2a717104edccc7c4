import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivedEventId } from '../../../../../shared/runtime/events/derivedEventId.ts';

const NAMESPACE = Buffer.from('6f1c2d0e8a4b4c5e9d3a7b1e2f4c6a8d', 'hex');

/** RFC 4122 §4.3 (version 5) over the namespace, as the function computed it before. */
const reference = (seed: string): string => {
  const digest = createHash('sha1').update(NAMESPACE).update(seed).digest();
  digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x50;
  digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

describe('derivedEventId', () => {
  it('is the version 5 uuid of the seed in the SOLEil namespace, for any seed, short or long', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (seed) => {
        const id = derivedEventId(seed);
        expect(id).toBe(reference(seed));
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }),
    );
  });

  it('does not carry bytes of a longer seed into a shorter one', () => {
    const long = `rule\n${'ü'.repeat(400)}`;
    expect(derivedEventId(long)).toBe(reference(long));
    expect(derivedEventId('rule\nevent-1')).toBe(reference('rule\nevent-1'));
    expect(derivedEventId('')).toBe(reference(''));
  });

  it('is stable: the same seed gives the same id, another seed another', () => {
    expect(derivedEventId('a|b|c|0')).toBe(derivedEventId('a|b|c|0'));
    expect(derivedEventId('a|b|c|0')).not.toBe(derivedEventId('a|b|c|1'));
  });
});
