import { hash } from 'node:crypto';

const BLOCK_BYTES = 64;
const DIGEST_BYTES = 32;
const IPAD = 0x36;
const OPAD = 0x5c;

/**
 * HMAC-SHA256 under one key (RFC 2104), made of two one-shot `hash` calls over buffers kept with the key.
 * `createHmac` gives the same digest, but every call leaves a native object whose weak handle each young-
 * generation collection of the thread must then process: the platform's thread signs or verifies every
 * request, and those handles were a quarter of its collections' pauses at 1,000 PutEvents/s.
 */
export class HmacSha256 {
  /** The key XOR ipad, then room for the message. */
  private inner: Buffer;
  /** The key XOR opad, then the inner digest. */
  private readonly outer = Buffer.alloc(BLOCK_BYTES + DIGEST_BYTES);

  constructor(key: Uint8Array) {
    const block = Buffer.alloc(BLOCK_BYTES);
    // A key longer than a block is hashed first; a shorter one is padded with zeros (alloc's).
    if (key.byteLength > BLOCK_BYTES) block.set(hash('sha256', key, 'buffer'));
    else block.set(key);
    this.inner = Buffer.alloc(BLOCK_BYTES + 256);
    for (let i = 0; i < BLOCK_BYTES; i++) {
      const byte = block[i] ?? 0;
      this.inner[i] = byte ^ IPAD;
      this.outer[i] = byte ^ OPAD;
    }
  }

  /** The HMAC of a message (its UTF-8 bytes), in hex. */
  hex(message: string): string {
    // A UTF-16 unit takes at most 3 bytes in UTF-8: room for the longest encoding without measuring it first.
    if (this.inner.byteLength < BLOCK_BYTES + message.length * 3) {
      const grown = Buffer.alloc(BLOCK_BYTES + message.length * 3);
      this.inner.copy(grown, 0, 0, BLOCK_BYTES);
      this.inner = grown;
    }
    const written = this.inner.write(message, BLOCK_BYTES, 'utf8');
    const innerDigest = hash('sha256', this.inner.subarray(0, BLOCK_BYTES + written), 'binary');
    this.outer.write(innerDigest, BLOCK_BYTES, 'binary');
    return hash('sha256', this.outer, 'hex');
  }
}
