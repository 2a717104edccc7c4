import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrefixedBytes } from '../../../../../shared/runtime/hashing/PrefixedBytes.ts';

describe('PrefixedBytes', () => {
  it('gives the prefix then the message’s UTF-8 bytes, call after call, longer and shorter', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80 }),
        fc.array(fc.string({ unit: 'grapheme', maxLength: 400 }), { minLength: 1, maxLength: 5 }),
        (prefix, messages) => {
          const bytes = new PrefixedBytes(prefix);
          for (const message of messages) {
            expect(bytes.of(message)).toEqual(Buffer.concat([prefix, Buffer.from(message, 'utf8')]));
          }
        },
      ),
    );
  });

  it('keeps the prefix when it grows for a long message', () => {
    const bytes = new PrefixedBytes(Buffer.from([1, 2, 3]));
    expect(bytes.of('€'.repeat(300)).subarray(0, 3)).toEqual(Buffer.from([1, 2, 3]));
    expect(bytes.of('a')).toEqual(Buffer.from([1, 2, 3, 0x61]));
  });
});
