import { LibraryNotFoundError } from '../domain/driveErrors.ts';
import { isBound, type SourceRecord } from '../domain/sourceRecord.ts';
import type { DriveDependencies } from './DriveDependencies.ts';

/** What `GET .../source` answers: where the library comes from and how its last sync went. */
export interface SourceStatus {
  readonly bandId: string;
  readonly provider: SourceRecord['provider'];
  readonly bound: boolean;
  readonly sourceFolderId: string | null;
  /** Share the Google Drive folder with this account; `null` for a folder on disk. */
  readonly serviceAccountEmail: string | null;
  readonly boundAt: string | null;
  readonly fileCount: number;
  readonly lastSync: SourceRecord['lastSync'];
  readonly lastError: SourceRecord['lastError'];
  readonly syncing: boolean;
}

export const toSourceStatus = (
  source: SourceRecord,
  serviceAccountEmail: string | null,
  now: Date,
): SourceStatus => ({
  bandId: source.bandId,
  provider: source.provider,
  bound: isBound(source),
  sourceFolderId: source.sourceFolderId,
  serviceAccountEmail,
  boundAt: source.boundAt,
  fileCount: source.fileCount,
  lastSync: source.lastSync,
  lastError: source.lastError,
  syncing: source.lease !== null && source.lease.until > now.toISOString(),
});

/** The band's source status (members of the band). */
export const sourceStatus = async (
  deps: Pick<DriveDependencies, 'sources' | 'provisioning' | 'now'>,
  bandId: string,
): Promise<SourceStatus> => {
  const source = await deps.sources.get(bandId);
  if (source === null) throw new LibraryNotFoundError();
  return toSourceStatus(source, await deps.provisioning.shareWith(), deps.now());
};
