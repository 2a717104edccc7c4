/**
 * A fixed prefix followed by a message's UTF-8 bytes, in one buffer reused from call to call: the input of a
 * one-shot `hash` that a `createHash`/`createHmac` object would otherwise be fed in two `update`s (those objects
 * each leave a weak handle for the thread's next young-generation collection). The view it returns is valid
 * until the next call.
 */
export class PrefixedBytes {
  private buffer: Buffer;

  constructor(private readonly prefix: Uint8Array) {
    this.buffer = Buffer.alloc(prefix.byteLength + 256);
    this.buffer.set(prefix);
  }

  of(message: string): Buffer {
    const start = this.prefix.byteLength;
    // A UTF-16 unit takes at most 3 bytes in UTF-8: room for the longest encoding without measuring it first.
    if (this.buffer.byteLength < start + message.length * 3) {
      this.buffer = Buffer.alloc(start + message.length * 3);
      this.buffer.set(this.prefix);
    }
    const written = this.buffer.write(message, start, 'utf8');
    return this.buffer.subarray(0, start + written);
  }
}
