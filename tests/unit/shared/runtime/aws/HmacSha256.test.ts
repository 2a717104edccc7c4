import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacSha256 } from '../../../../../shared/runtime/aws/HmacSha256.ts';

const reference = (key: Uint8Array, message: string): string =>
  createHmac('sha256', key).update(message, 'utf8').digest('hex');

describe('HmacSha256', () => {
  it('gives RFC 4231 test case 2', () => {
    expect(new HmacSha256(Buffer.from('Jefe')).hex('what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('gives what createHmac gives: keys shorter and longer than a block, any text, one key many times', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 150 }),
        fc.array(fc.string({ unit: 'grapheme', maxLength: 400 }), { minLength: 1, maxLength: 4 }),
        (key, messages) => {
          const hmac = new HmacSha256(key);
          for (const message of messages) expect(hmac.hex(message)).toBe(reference(key, message));
        },
      ),
    );
  });

  it('gives each message its own digest after a longer one (no bytes of the longer one hashed)', () => {
    const key = Buffer.alloc(32, 7);
    const hmac = new HmacSha256(key);
    const long = 'é'.repeat(500);
    expect(hmac.hex(long)).toBe(reference(key, long));
    expect(hmac.hex('short')).toBe(reference(key, 'short'));
    expect(hmac.hex('')).toBe(reference(key, ''));
  });
});
