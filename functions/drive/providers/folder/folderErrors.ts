import { PlatformError } from '../../../../shared/runtime/errors/PlatformError.ts';

/** A path that would leave the band's library (`..`, absolute, or a symlink pointing outside). */
export class LibraryPathRefusedError extends PlatformError {
  constructor(readonly path: string) {
    super({
      status: 403,
      type: 'library-path-refused',
      title: 'The path leaves the band’s library',
      detail: 'The requested file is not inside the band’s library folder',
    });
  }
}

/** The file is not (or no longer) in the band's library folder. */
export class LibraryFileMissingError extends PlatformError {
  constructor(readonly path: string) {
    super({
      status: 404,
      type: 'library-file-missing',
      title: 'The file is not in the library',
      detail: 'The requested file is no longer in the band’s library folder',
    });
  }
}
