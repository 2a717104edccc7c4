import type { LibraryEntry } from '../domain/libraryEntry.ts';
import type { LibraryDownload } from './LibrarySource.ts';

/** A short-lived link to a file's bytes. */
export interface FileLink {
  readonly url: string;
  readonly expiresAt: string;
}

/**
 * Hands out links to library files: the bytes are cached (S3 in AWS, the local AWS endpoint's S3 on the
 * embedded platform) under a key of the band and the file's checksum, copied from the source when the file is
 * added or changed (or by the request, when that copy is missing), and the link is a presigned GET.
 */
export interface FileLinks {
  linkTo(bandId: string, entry: LibraryEntry, readSource: () => Promise<LibraryDownload>): Promise<FileLink>;
}
