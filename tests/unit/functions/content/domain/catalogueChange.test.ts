import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { announcementsOf } from '../../../../../functions/content/domain/catalogueAnnouncements.ts';
import {
  type DriveChange,
  decideCatalogueChange,
} from '../../../../../functions/content/domain/catalogueChange.ts';
import type { StoredFile } from '../../../../../functions/content/domain/catalogueRecord.ts';
import { libraryFile } from '../../../../helpers/contentPlatform.ts';

const NAMES = ['AllOfMe_Bb.pdf', 'AllOfMe_Eb.pdf', 'BlueMoon_Bb.pdf', 'AllOfMe.mp3', 'Misty_X.pdf'];

/** Folds changes into the catalogue's state for one file, as the store would keep it. */
const apply = (changes: readonly DriveChange[]): StoredFile | null => {
  let stored: StoredFile | null = null;
  for (const change of changes) {
    const decision = decideCatalogueChange(stored, change);
    if (decision.kind === 'upsert') stored = { state: 'present', record: decision.next };
    if (decision.kind === 'remove') {
      stored = { state: 'removed', bandId: decision.bandId, fileId: decision.fileId, stamp: decision.stamp };
    }
  }
  return stored;
};

const view = (stored: StoredFile | null) =>
  stored?.state === 'present' ? { name: stored.record.name, version: stored.record.stamp.version } : null;

/** A file's true history: added, then changes (renames, new bytes), maybe removed (and maybe back). */
const history = fc
  .array(fc.record({ name: fc.constantFrom(...NAMES), remove: fc.boolean() }), { minLength: 1, maxLength: 8 })
  .map((steps) => {
    const changes: DriveChange[] = [];
    let version = 0;
    let present = false;
    steps.forEach((step, i) => {
      const occurredAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
      if (present && step.remove) {
        changes.push({ kind: 'remove', bandId: 'band1', fileId: 'f1', occurredAt });
        present = false;
        return;
      }
      version += 1;
      changes.push({
        kind: 'upsert',
        bandId: 'band1',
        file: libraryFile('f1', step.name, version),
        occurredAt,
      });
      present = true;
    });
    return changes;
  });

describe('the catalogue under drive events in any order', () => {
  it('ends as the true history does, whatever the order and the repeats', () => {
    fc.assert(
      fc.property(
        history.chain((changes) =>
          fc.tuple(
            fc.constant(changes),
            fc.shuffledSubarray([...changes, ...changes], { minLength: changes.length * 2 }),
          ),
        ),
        ([inOrder, delivered]) => {
          expect(view(apply(delivered))).toEqual(view(apply(inOrder)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('treats changed for an unknown file as an upsert, and keeps a file removed against a late added', () => {
    const added: DriveChange = {
      kind: 'upsert',
      bandId: 'b',
      file: libraryFile('f', 'AllOfMe_Bb.pdf', 1),
      occurredAt: '2026-01-01T00:00:01.000Z',
    };
    const removed: DriveChange = {
      kind: 'remove',
      bandId: 'b',
      fileId: 'f',
      occurredAt: '2026-01-01T00:00:02.000Z',
    };
    expect(decideCatalogueChange(null, { ...added, file: libraryFile('f', 'X_Bb.pdf', 2) }).kind).toBe(
      'upsert',
    );
    expect(view(apply([removed, added]))).toBeNull();
  });

  it('announces parsed and updated for a new file, only updated for new bytes, deleted when it leaves', () => {
    const first = decideCatalogueChange(null, {
      kind: 'upsert',
      bandId: 'b',
      file: libraryFile('f', 'AllOfMe_Bb.pdf', 1),
      occurredAt: '2026-01-01T00:00:01.000Z',
    });
    expect(announcementsOf(first).map((a) => a.name)).toEqual(['content.parsed', 'content.updated']);
    if (first.kind !== 'upsert') throw new Error('expected an upsert');
    const stored: StoredFile = { state: 'present', record: first.next };
    const bytes = decideCatalogueChange(stored, {
      kind: 'upsert',
      bandId: 'b',
      file: libraryFile('f', 'AllOfMe_Bb.pdf', 2),
      occurredAt: '2026-01-01T00:00:02.000Z',
    });
    expect(announcementsOf(bytes)).toEqual([
      expect.objectContaining({
        name: 'content.updated',
        data: expect.objectContaining({
          change: 'changed',
          instruments: expect.arrayContaining(['trumpet']),
        }),
      }),
    ]);
    const gone = decideCatalogueChange(stored, {
      kind: 'remove',
      bandId: 'b',
      fileId: 'f',
      occurredAt: '2026-01-01T00:00:03.000Z',
    });
    expect(announcementsOf(gone).map((a) => a.name)).toEqual(['content.deleted']);
  });
});
