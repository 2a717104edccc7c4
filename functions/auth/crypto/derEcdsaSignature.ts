/** Bytes of one P-256 coordinate, hence of `r` and of `s` in a JWS ES256 signature (RFC 7518 §3.4). */
const P256_COORDINATE_BYTES = 32;

const SEQUENCE = 0x30;
const INTEGER = 0x02;

/** A signature is not the DER `SEQUENCE { INTEGER r, INTEGER s }` ECDSA produces; the message says where. */
export class InvalidDerSignatureError extends Error {
  override readonly name = 'InvalidDerSignatureError';
}

/** Reads a DER length at `at`: short form, or long form of one or two bytes (all an ECDSA signature needs). */
const readLength = (der: Uint8Array, at: number): { length: number; next: number } => {
  const first = der[at];
  if (first === undefined) throw new InvalidDerSignatureError('truncated before a length');
  if (first < 0x80) return { length: first, next: at + 1 };
  const octets = first & 0x7f;
  if (octets < 1 || octets > 2 || at + octets >= der.length) {
    throw new InvalidDerSignatureError(`unsupported length form 0x${first.toString(16)}`);
  }
  let length = 0;
  for (let i = 1; i <= octets; i++) length = (length << 8) | (der[at + i] ?? 0);
  return { length, next: at + 1 + octets };
};

/** Reads one positive INTEGER at `at` and writes it big-endian, left-padded, into `out` at `offset`. */
const readInteger = (
  der: Uint8Array,
  at: number,
  out: Uint8Array,
  offset: number,
  size: number,
  name: string,
): number => {
  if (der[at] !== INTEGER) throw new InvalidDerSignatureError(`${name} is not an INTEGER`);
  const { length, next } = readLength(der, at + 1);
  if (length === 0 || next + length > der.length) throw new InvalidDerSignatureError(`${name} is truncated`);
  let value = der.subarray(next, next + length);
  if ((value[0] ?? 0) & 0x80) throw new InvalidDerSignatureError(`${name} is negative`);
  // DER prefixes a 0x00 when the top bit is set, so that the integer stays positive; JWS has no sign byte.
  while (value.length > 1 && value[0] === 0) value = value.subarray(1);
  if (value.length > size) throw new InvalidDerSignatureError(`${name} is longer than ${size} bytes`);
  if (value.length === 1 && value[0] === 0) throw new InvalidDerSignatureError(`${name} is zero`);
  out.set(value, offset + size - value.length);
  return next + length;
};

/**
 * Converts an ECDSA signature from DER (what KMS `Sign` and OpenSSL return) to the JWS form: `r‖s`, each
 * left-padded to the curve's coordinate size (64 bytes for ES256). A short `r` or `s` (leading zero bytes
 * dropped by DER, about 1 in 256 signatures) is padded back; anything malformed is refused.
 *
 * @example derToJoseSignature(kmsResponse.Signature) // → Uint8Array(64)
 * @throws InvalidDerSignatureError when `der` is not a well-formed signature of that size.
 */
export const derToJoseSignature = (der: Uint8Array, coordinateBytes = P256_COORDINATE_BYTES): Uint8Array => {
  if (der[0] !== SEQUENCE) throw new InvalidDerSignatureError('not a SEQUENCE');
  const { length, next } = readLength(der, 1);
  if (next + length !== der.length) throw new InvalidDerSignatureError('SEQUENCE length does not match');
  const out = new Uint8Array(coordinateBytes * 2);
  const afterR = readInteger(der, next, out, 0, coordinateBytes, 'r');
  const afterS = readInteger(der, afterR, out, coordinateBytes, coordinateBytes, 's');
  if (afterS !== der.length) throw new InvalidDerSignatureError('bytes after s');
  return out;
};
