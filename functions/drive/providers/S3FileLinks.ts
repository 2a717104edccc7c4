import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { LibraryEntry } from '../domain/libraryEntry.ts';
import type { FileContentCache } from './FileContentCache.ts';
import type { FileLink, FileLinks } from './FileLinks.ts';
import type { LibraryDownload } from './LibrarySource.ts';

/** How long a download link works: long enough to start a download, short enough not to be shared around. */
export const DOWNLOAD_LINK_SECONDS = 300;

/**
 * Download links through the module's S3 file cache: the bytes are normally there already (copied when the
 * file was added or changed); when they are not — a file older than that copy, or whose copy failed — the
 * request copies them first, through the same {@link FileContentCache}. Every link is a presigned GET valid
 * {@link DOWNLOAD_LINK_SECONDS}.
 */
export class S3FileLinks implements FileLinks {
  constructor(
    private readonly cache: FileContentCache,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async linkTo(
    bandId: string,
    entry: LibraryEntry,
    readSource: () => Promise<LibraryDownload>,
  ): Promise<FileLink> {
    const { key } = await this.cache.ensure(bandId, entry, readSource);
    // Signed at the clock that dates `expiresAt`, so the link stops working exactly when it says.
    const signedAt = this.now();
    const url = await getSignedUrl(
      this.cache.s3,
      new GetObjectCommand({ Bucket: this.cache.bucket, Key: key }),
      {
        expiresIn: DOWNLOAD_LINK_SECONDS,
        signingDate: signedAt,
      },
    );
    return { url, expiresAt: new Date(signedAt.getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString() };
  }
}
