import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PayloadTooLargeError } from '../../../shared/runtime/errors/requestErrors.ts';
import type { LibraryEntry } from '../domain/libraryEntry.ts';
import type { FileLink, FileLinks } from './FileLinks.ts';
import type { LibraryDownload } from './LibrarySource.ts';

/** How long a download link works: long enough to start a download, short enough not to be shared around. */
export const DOWNLOAD_LINK_SECONDS = 300;

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

/**
 * Download links through the module's S3 bucket (encrypted, private, expiring objects): the first request
 * for a file's content copies it from the source, every link is a presigned GET valid
 * {@link DOWNLOAD_LINK_SECONDS}. The same code runs on the embedded platform, whose AWS endpoint speaks
 * this S3 subset (the client reads `AWS_ENDPOINT_URL_S3`).
 */
export class S3FileLinks implements FileLinks {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async linkTo(
    bandId: string,
    entry: LibraryEntry,
    readSource: () => Promise<LibraryDownload>,
  ): Promise<FileLink> {
    const key = cacheKeyOf(bandId, entry);
    if (!(await this.cached(key))) {
      const download = await readSource();
      const body = await readAll(download);
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: entry.mimeType,
          ContentLength: body.length,
        }),
      );
    }
    // Signed at the clock that dates `expiresAt`, so the link stops working exactly when it says.
    const signedAt = this.now();
    const url = await getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: DOWNLOAD_LINK_SECONDS,
      signingDate: signedAt,
    });
    return { url, expiresAt: new Date(signedAt.getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString() };
  }

  private async cached(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }
}
