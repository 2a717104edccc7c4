import type { EventToPublish } from '../../../shared/runtime/index.ts';
import { announcementsOf } from '../domain/catalogueAnnouncements.ts';
import { type DriveChange, decideCatalogueChange } from '../domain/catalogueChange.ts';
import { CatalogueWriteConflictError } from '../store/CatalogueStore.ts';
import type { ContentDependencies, EventCause } from './ContentDependencies.ts';

/** Two deliveries of changes to one file racing: the loser reads again; more than this is a real fault. */
const MAX_ATTEMPTS = 5;

/**
 * Keeps the catalogue in step with one drive change: reads the file, decides (stale and repeated changes are
 * ignored), and commits the new state with its events (`content.parsed`, `content.updated`, `content.deleted`)
 * in one transaction. Answers what it did.
 */
export const applyDriveChange = async (
  deps: ContentDependencies,
  change: DriveChange,
  cause: EventCause | null,
): Promise<'applied' | 'ignored'> => {
  const fileId = change.kind === 'upsert' ? change.file.fileId : change.fileId;
  for (let attempt = 1; ; attempt += 1) {
    const current = await deps.catalogue.file(change.bandId, fileId);
    const decision = decideCatalogueChange(current?.stored ?? null, change);
    if (decision.kind === 'ignore') return 'ignored';
    const events: EventToPublish[] = announcementsOf(decision).map(
      (announcement) => ({ ...announcement, options: cause ?? {} }) as EventToPublish,
    );
    try {
      await deps.outbox.commit(events, (built) =>
        deps.catalogue.apply(decision, current?.revision ?? null, built),
      );
      return 'applied';
    } catch (error) {
      if (!(error instanceof CatalogueWriteConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
};
