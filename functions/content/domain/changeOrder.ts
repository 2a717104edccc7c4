import type { ChangeStamp } from './catalogueRecord.ts';

const time = (iso: string): number => Date.parse(iso);

/**
 * Whether a drive change is newer than the one the catalogue reflects. EventBridge keeps no order and delivers at
 * least once, so a stale or repeated change must leave the catalogue as it is.
 *
 * - A removal has no version: against a removal (either side) only drive's publication times can order the two.
 * - Otherwise the file's version decides when both carry one (drive's own counter, immune to clock skew).
 * - Events published before drive had versions fall back to the file's modified time, then publication time.
 *
 * Equal stamps are not newer: a duplicate changes nothing.
 */
export const isNewerChange = (incoming: ChangeStamp, stored: ChangeStamp): boolean => {
  if (incoming.removal || stored.removal) return time(incoming.occurredAt) > time(stored.occurredAt);
  if (incoming.version !== null && stored.version !== null) return incoming.version > stored.version;
  if (incoming.modifiedAt !== null && stored.modifiedAt !== null) {
    const byModified = time(incoming.modifiedAt) - time(stored.modifiedAt);
    if (byModified !== 0) return byModified > 0;
  }
  return time(incoming.occurredAt) > time(stored.occurredAt);
};
