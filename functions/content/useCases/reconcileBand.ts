import type { LibraryFile } from '../../../shared/contracts/events/driveEvents.ts';
import type { CatalogueRecord } from '../domain/catalogueRecord.ts';
import { applyDriveChange } from './applyDriveChange.ts';
import type { ContentDependencies } from './ContentDependencies.ts';

/** What a reconciliation repaired. */
export interface ReconciliationReport {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly unchanged: number;
}

const differs = (record: CatalogueRecord, file: LibraryFile): boolean =>
  record.name !== file.name ||
  record.modifiedAt !== file.modifiedAt ||
  (file.version !== undefined && record.stamp.version !== file.version);

/**
 * Compares the catalogue with drive's listing of the band's library and repairs drift both ways: a file drive
 * lists and the catalogue lacks (or holds differently) is upserted, a file the catalogue holds and drive does not
 * is removed — each as a drive change stamped now, through the same path as drive's events (so its events are
 * published too). When it repaired anything, `content.catalogue_reconciled` says how much. The band's entry on the
 * schedule's list records when (so the schedule turns to the bands that waited longest).
 */
export const reconcileBand = async (
  deps: ContentDependencies,
  bandId: string,
  trigger: 'schedule' | 'manual',
): Promise<ReconciliationReport> => {
  const [files, present] = await Promise.all([
    deps.library.files(bandId),
    deps.catalogue.presentFiles(bandId),
  ]);
  const held = new Map(present.map((record) => [record.fileId, record]));
  const listed = new Set(files.map((file) => file.fileId));
  const occurredAt = deps.now().toISOString();
  let added = 0;
  let changed = 0;
  let removed = 0;
  for (const file of files) {
    const record = held.get(file.fileId);
    if (record && !differs(record, file)) continue;
    const outcome = await applyDriveChange(deps, { kind: 'upsert', bandId, file, occurredAt }, null);
    if (outcome === 'applied') {
      if (record) changed += 1;
      else added += 1;
    }
  }
  for (const record of present) {
    if (listed.has(record.fileId)) continue;
    const outcome = await applyDriveChange(
      deps,
      { kind: 'remove', bandId, fileId: record.fileId, occurredAt },
      null,
    );
    if (outcome === 'applied') removed += 1;
  }
  const report = { added, changed, removed, unchanged: files.length - added - changed };
  if (added + changed + removed > 0) {
    await deps.outbox.commit(
      [{ name: 'content.catalogue_reconciled', data: { bandId, trigger, ...report } }],
      (events) => deps.catalogue.recordReconciliation(bandId, report, events),
    );
  }
  await deps.catalogue.markReconciled(bandId, occurredAt);
  return report;
};
