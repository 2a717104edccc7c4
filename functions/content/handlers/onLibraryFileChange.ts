import { eventHandler } from '../../../shared/runtime/index.ts';
import type { DriveChange } from '../domain/catalogueChange.ts';
import { applyDriveChange } from '../useCases/applyDriveChange.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';

/** drive.file_added / file_changed / file_removed → the song catalogue, and content's events about it. */
export const handler = eventHandler({
  events: ['drive.file_added', 'drive.file_changed', 'drive.file_removed'],
  // Safe to repeat by itself: a change is applied only if newer than what the catalogue holds (a repeat is
  // ignored and announces nothing), and the write is conditional on the revision it read. The kit's
  // idempotency record would add two DynamoDB requests to every file's hop on its way to the members.
  repeats: 'handler',
  handle: async (event) => {
    const { occurredAt, correlationId, eventId, hop } = event.metadata;
    const change: DriveChange =
      event.name === 'drive.file_removed'
        ? { kind: 'remove', bandId: event.data.bandId, fileId: event.data.fileId, occurredAt }
        : { kind: 'upsert', bandId: event.data.bandId, file: event.data.file, occurredAt };
    const outcome = await applyDriveChange(contentDependencies(), change, {
      correlationId,
      causationId: eventId,
      hop: hop + 1,
    });
    event.logger.info('library change', { event: event.name, outcome, bandId: change.bandId });
  },
});
