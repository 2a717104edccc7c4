import { generateKeyPairSync, sign, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  derToJoseSignature,
  InvalidDerSignatureError,
} from '../../../../../functions/auth/crypto/derEcdsaSignature.ts';

/** DER INTEGER of an unsigned big-endian value: minimal bytes, a 0x00 in front when the top bit is set. */
const derInteger = (value: Uint8Array): number[] => {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  const bytes = [...value.subarray(start)];
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return [0x02, bytes.length, ...bytes];
};
const derSignature = (r: Uint8Array, s: Uint8Array): Uint8Array => {
  const body = [...derInteger(r), ...derInteger(s)];
  return Uint8Array.from([0x30, body.length, ...body]);
};
const filled = (length: number, byte: number) => new Uint8Array(length).fill(byte);
const concat = (a: Uint8Array, b: Uint8Array) => Uint8Array.from([...a, ...b]);

describe('derToJoseSignature', () => {
  it('drops the 0x00 DER puts before an r and s whose top bit is set', () => {
    const r = filled(32, 0xff);
    const s = filled(32, 0x80);
    const der = derSignature(r, s);
    expect(der[3]).toBe(33);
    expect(derToJoseSignature(der)).toEqual(concat(r, s));
  });

  it('pads a short r or s (leading zero bytes dropped by DER) back to 32 bytes', () => {
    const r = concat(new Uint8Array(1), filled(31, 0x11));
    const s = concat(new Uint8Array(3), filled(29, 0x7f));
    const der = derSignature(r, s);
    expect(der[3]).toBe(31);
    const jose = derToJoseSignature(der);
    expect(jose).toHaveLength(64);
    expect(jose).toEqual(concat(r, s));
    expect(jose[0]).toBe(0);
    expect(jose[32 + 2]).toBe(0);
  });

  it('accepts the long length form', () => {
    const r = filled(32, 0x01);
    const s = filled(32, 0x02);
    const body = [...derInteger(r), ...derInteger(s)];
    expect(derToJoseSignature(Uint8Array.from([0x30, 0x81, body.length, ...body]))).toEqual(concat(r, s));
  });

  it('round-trips any r and s, whatever their leading bytes (property)', () => {
    const coordinate = fc
      .tuple(fc.nat({ max: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }))
      .map(([zeros, bytes]) => {
        const value = Uint8Array.from(bytes);
        value.fill(0, 0, zeros);
        if (value.every((b) => b === 0)) value[31] = 1;
        return value;
      });
    fc.assert(
      fc.property(coordinate, coordinate, (r, s) => {
        expect(derToJoseSignature(derSignature(r, s))).toEqual(concat(r, s));
      }),
      { numRuns: 500 },
    );
  });

  it('turns real P-256 DER signatures into signatures that verify in the JWS (IEEE P1363) form', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 200; i++) {
      const message = Buffer.from(`message ${i}`);
      const jose = derToJoseSignature(sign('sha256', message, { key: privateKey, dsaEncoding: 'der' }));
      expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, jose)).toBe(true);
    }
  });

  it.each([
    ['an empty input', []],
    ['not a SEQUENCE', [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ['a SEQUENCE length that does not match', [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ['r that is not an INTEGER', [0x30, 0x06, 0x04, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ['a negative r', [0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01]],
    ['a zero s', [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00]],
    ['an empty r', [0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x01]],
    ['a truncated s', [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x05, 0x01]],
    ['bytes after s', [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]],
    ['an r of 33 significant bytes', [...derSignature(filled(33, 0x01), filled(32, 0x01))]],
  ])('refuses %s', (_case, bytes) => {
    expect(() => derToJoseSignature(Uint8Array.from(bytes))).toThrow(InvalidDerSignatureError);
  });
});
