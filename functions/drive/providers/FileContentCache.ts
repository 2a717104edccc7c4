import { createHash } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PayloadTooLargeError } from '../../../shared/runtime/errors/requestErrors.ts';
import type { LibraryEntry } from '../domain/libraryEntry.ts';
import type { LibraryDownload } from './LibrarySource.ts';

/** Largest file the cache copies (read into memory once, in a Lambda of a few hundred MB). */
export const MAX_CACHED_FILE_BYTES = 200 * 1024 * 1024;

/**
 * The cache key of a file's bytes: the band, then the checksum when the source has one (a changed file gets
 * a new key, an unchanged one is copied once), else the file id and version.
 */
export const cacheKeyOf = (
  bandId: string,
  entry: Pick<LibraryEntry, 'fileId' | 'version' | 'checksum'>,
): string =>
  entry.checksum === null
    ? `bands/${bandId}/files/${entry.fileId}/v${entry.version}`
    : `bands/${bandId}/content/${entry.checksum.replace(':', '-')}`;

/** The checksum algorithms sources give (`md5:` from Google, `sha256:` on disk), as node:crypto names them. */
const HASHES: Readonly<Record<string, string>> = { md5: 'md5', sha256: 'sha256' };

/**
 * The key of the bytes actually read. The source may hold newer bytes than the stored entry says (changed
 * again since the last sync, or a retried copy running late): keyed by the entry's checksum they would sit
 * under content they are not. Keyed by their own checksum they are right wherever they land.
 */
const keyOfBytes = (
  bandId: string,
  entry: Pick<LibraryEntry, 'fileId' | 'version' | 'checksum'>,
  bytes: Buffer,
): string => {
  const [prefix = ''] = (entry.checksum ?? '').split(':');
  const algorithm = HASHES[prefix];
  if (entry.checksum === null || algorithm === undefined) return cacheKeyOf(bandId, entry);
  const checksum = `${prefix}:${createHash(algorithm).update(bytes).digest('hex')}`;
  return cacheKeyOf(bandId, { ...entry, checksum });
};

const readAll = async (download: LibraryDownload): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of download.body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > MAX_CACHED_FILE_BYTES) {
      download.body.destroy();
      throw new PayloadTooLargeError(`Files over ${MAX_CACHED_FILE_BYTES} bytes are not handed out`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
};

const isMissing = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/** Where a file's bytes are in the cache, and whether this call put them there. */
export interface CachedContent {
  readonly key: string;
  readonly copied: boolean;
}

/**
 * Library file bytes in the module's S3 bucket (encrypted, private, expiring objects), keyed by band and
 * checksum. The one copy implementation: the `cacheFileContent` subscriber copies a file when it is added or
 * its content changes, and the download link copies lazily when the object is missing (a file older than
 * the subscriber, or whose copy failed). The same code runs on the embedded platform, whose AWS endpoint
 * speaks this S3 subset (the client reads `AWS_ENDPOINT_URL_S3`).
 */
export class FileContentCache {
  constructor(
    readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  /**
   * Makes sure the entry's bytes are cached: a HeadObject first, and only when the object is missing a read
   * of the source and a PutObject. Any failure throws (a subscriber's queue retries it).
   */
  async ensure(
    bandId: string,
    entry: LibraryEntry,
    readSource: () => Promise<LibraryDownload>,
  ): Promise<CachedContent> {
    const expected = cacheKeyOf(bandId, entry);
    if (await this.has(expected)) return { key: expected, copied: false };
    const body = await readAll(await readSource());
    const key = keyOfBytes(bandId, entry, body);
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: entry.mimeType,
        ContentLength: body.length,
      }),
    );
    return { key, copied: true };
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }
}
