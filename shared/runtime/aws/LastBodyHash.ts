import { hash } from 'node:crypto';

/**
 * The SHA-256 (hex) SigV4 signs a request body by, kept for the last body: a broadcast is one message posted to
 * every connection, so its poster signs — and the local endpoint verifies — the same body a thousand times in a
 * row. The body is compared by content (a copy is kept: the caller's buffer may be reused), and only bodies of
 * at most `maxBytes` are kept, so an upload's bytes are neither copied nor held.
 */
export class LastBodyHash {
  private last: { readonly bytes: Buffer; readonly hash: string } | undefined;

  constructor(private readonly maxBytes: number) {}

  of(body: Uint8Array): string {
    const last = this.last;
    if (last && last.bytes.byteLength === body.byteLength && Buffer.compare(last.bytes, body) === 0) {
      return last.hash;
    }
    // One-shot: a createHash object would leave a weak handle for the thread's next collection (HmacSha256).
    const digest = hash('sha256', body, 'hex');
    if (body.byteLength <= this.maxBytes) this.last = { bytes: Buffer.from(body), hash: digest };
    return digest;
  }
}
