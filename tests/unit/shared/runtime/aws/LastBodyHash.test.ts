import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LastBodyHash } from '../../../../../shared/runtime/aws/LastBodyHash.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('LastBodyHash', () => {
  it('answers each body its own SHA-256, also one of the same length right after another', () => {
    const hashes = new LastBodyHash(1024);
    const sequence = [
      bytes('{"seq":1}'),
      bytes('{"seq":1}'),
      bytes('{"seq":2}'),
      bytes('{"seq":1}'),
      bytes(''),
    ];
    for (const body of sequence) expect(hashes.of(body)).toBe(sha256(body));
  });

  it('keeps a copy: a body changed in place after hashing is hashed again', () => {
    const hashes = new LastBodyHash(1024);
    const body = bytes('{"seq":1}');
    hashes.of(body);
    body[7] = '2'.charCodeAt(0);
    expect(hashes.of(body)).toBe(sha256(bytes('{"seq":2}')));
  });

  it('answers bodies over its limit their own hash, before and after a body it keeps', () => {
    const hashes = new LastBodyHash(4);
    const big = bytes('a body over four bytes');
    expect(hashes.of(big)).toBe(sha256(big));
    expect(hashes.of(bytes('abc'))).toBe(sha256(bytes('abc')));
    expect(hashes.of(big)).toBe(sha256(big));
  });
});
