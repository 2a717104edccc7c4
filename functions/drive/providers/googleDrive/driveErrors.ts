import { PlatformError } from '../../../../shared/runtime/errors/PlatformError.ts';

/** What the drive was doing when Google Drive failed (`files.list`, `changes.list`, `token`...). */
export type DriveOperation = string;

/**
 * Google Drive kept answering "slow down" or "unavailable" (403 rate limit, 429, 5xx, or no answer) after
 * every attempt the retry policy allows. The sync fails with it, visibly; the next one starts over.
 */
export class DriveUnavailableError extends PlatformError {
  constructor(
    readonly operation: DriveOperation,
    readonly attempts: number,
    readonly lastStatus: number | null,
    readonly lastReason: string | null,
    cause?: unknown,
  ) {
    const answer = lastStatus === null ? 'no answer' : `${lastStatus}${lastReason ? ` ${lastReason}` : ''}`;
    super({
      status: 503,
      type: 'drive-unavailable',
      title: 'Google Drive is unavailable',
      detail: `Google Drive ${operation} failed after ${attempts} attempt(s) (last: ${answer})`,
      expose: true,
      cause,
    });
  }
}

/** Google Drive refused a request in a way retrying will not fix (400, 401 after a new token, 403 not a rate limit). */
export class DriveRequestError extends PlatformError {
  constructor(
    readonly operation: DriveOperation,
    readonly httpStatus: number,
    readonly reason: string | null,
  ) {
    super({
      status: 502,
      type: 'drive-request-failed',
      title: 'Google Drive refused a request',
      detail: `Google Drive ${operation} answered ${httpStatus}${reason ? ` (${reason})` : ''}`,
    });
  }
}

/** The file is not (or no longer) visible to the platform's service account. */
export class DriveFileNotFoundError extends PlatformError {
  constructor(readonly fileId: string) {
    super({
      status: 404,
      type: 'drive-file-not-found',
      title: 'The file is not in Google Drive',
      detail: `Google Drive has no file ${fileId} the platform may read`,
    });
  }
}

/** The file has no bytes to download: a Google document, sheet, shortcut or folder. */
export class DriveFileNotDownloadableError extends PlatformError {
  constructor(
    readonly fileId: string,
    readonly mimeType: string,
  ) {
    super({
      status: 409,
      type: 'drive-file-not-downloadable',
      title: 'The file cannot be downloaded',
      detail: `${fileId} is a ${mimeType}, which has no bytes of its own to download`,
    });
  }
}

/** Google's token endpoint refused the service account's assertion (revoked key, wrong clock, wrong account). */
export class DriveAuthError extends PlatformError {
  constructor(
    readonly httpStatus: number,
    readonly errorCode: string | null,
  ) {
    super({
      status: 502,
      type: 'drive-auth-failed',
      title: 'The platform could not sign in to Google Drive',
      detail: `The token endpoint answered ${httpStatus}${errorCode ? ` (${errorCode})` : ''}`,
    });
  }
}

/** The service-account key read from the secret is unusable. The message names fields, never values. */
export class InvalidServiceAccountKeyError extends PlatformError {
  constructor(detail: string) {
    super({
      status: 500,
      type: 'drive-credentials-invalid',
      title: 'The Google Drive credentials are not usable',
      detail,
      expose: false,
    });
  }
}
