/**
 * How long a band folder must be free of events before it is looked at: a copy of many files is one change.
 * Short, since every drop waits for it before anyone hears of the file.
 */
export const FOLDER_QUIET_MS = 25;

/**
 * A file not modified for this long is taken as written (its size and modified time stayed the same): the
 * watcher waits this long after a file's last write before reporting it, and drive's folder scanner leaves a
 * file written more recently out. A writer that pauses longer in the middle of a file gets it announced
 * twice (added, then changed with the final bytes) rather than late.
 */
export const FOLDER_SETTLE_MS = 50;
