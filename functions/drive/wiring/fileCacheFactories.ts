import { S3Client } from '@aws-sdk/client-s3';
import { runtimeConfig } from '../../../shared/runtime/runtimeConfig.ts';
import { FileContentCache } from '../providers/FileContentCache.ts';
import { FILE_CACHE_BUCKET } from '../store/driveTableNames.ts';

/** The `file-cache` bucket through one S3 client set-up, for the download link and the copy on change alike. */
export const fileContentCache = (): FileContentCache =>
  new FileContentCache(
    new S3Client({
      forcePathStyle: true,
      // Plain bodies: the embedded platform's S3 does not read aws-chunked uploads, and the cache needs no
      // checksum beyond S3's own.
      requestChecksumCalculation: 'WHEN_REQUIRED',
    }),
    runtimeConfig.bucket(FILE_CACHE_BUCKET),
  );
