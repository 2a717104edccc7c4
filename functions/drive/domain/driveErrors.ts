import { PlatformError } from '../../../shared/runtime/errors/PlatformError.ts';

/** The drive knows no library for this band (it was never created, or the id is wrong). */
export class LibraryNotFoundError extends PlatformError {
  constructor() {
    super({
      status: 404,
      type: 'library-not-found',
      title: 'No library for this band',
      detail: 'The drive has no library for this band',
    });
  }
}

/** In AWS a band's library is a Google Drive folder its leader binds first. */
export class SourceNotBoundError extends PlatformError {
  constructor() {
    super({
      status: 409,
      type: 'library-source-not-bound',
      title: 'The library has no source folder yet',
      detail: 'Bind a Google Drive folder to the band (PUT .../source) before syncing it',
    });
  }
}

/** Another sync of the same band holds its lease; this one would race it. */
export class SyncInProgressError extends PlatformError {
  constructor() {
    super({
      status: 409,
      type: 'library-sync-in-progress',
      title: 'A sync of this library is running',
      detail: 'A sync of this band’s library is already running; try again when it ends',
    });
  }
}

/**
 * A condition the caller added to a sync's last transaction failed — the changes feed's page token was moved by
 * another reader meanwhile — so DynamoDB cancelled the whole transaction: none of its rows, events or token
 * were written. The other reader applied the same changes (or later ones), so the caller stops instead of
 * retrying.
 */
export class CommitSupersededError extends PlatformError {
  constructor() {
    super({
      status: 409,
      type: 'library-commit-superseded',
      title: 'Another run got there first',
      detail: 'Another run moved the changes feed on while this one was committing; nothing was committed',
    });
  }
}

/** The file is not in the band's library as the drive last saw it. */
export class LibraryFileNotFoundError extends PlatformError {
  constructor() {
    super({
      status: 404,
      type: 'library-file-not-found',
      title: 'No such file in the library',
      detail: 'The band’s library has no file with this id',
    });
  }
}

/**
 * A push notification that is not from a live channel the drive opened: 401, its credentials (the channel's
 * id and token) do not authenticate it. The answer never says which check failed (channel, token, resource
 * or expiry): the webhook is public, and that would help a forger.
 */
export class NotificationRefusedError extends PlatformError {
  constructor() {
    super({
      status: 401,
      type: 'notification-refused',
      title: 'Notification refused',
      detail: 'This notification does not come from a channel of this platform',
    });
  }
}

/**
 * A `library_service.listFiles` cursor the drive did not issue for this band: unreadable, altered, or taken
 * from another band's listing (a position in one band's library means nothing in another's).
 */
export class InvalidLibraryCursorError extends PlatformError {
  constructor() {
    super({
      status: 400,
      type: 'invalid-library-cursor',
      title: 'The cursor is not valid for this listing',
      detail: 'Pass back the nextCursor library_service.listFiles answered for this band, or null to start',
    });
  }
}
