import type { LibraryChangeSet } from '../../domain/applyLibraryChanges.ts';
import type { UnplacedEntry } from '../../domain/libraryEntry.ts';
import type { DriveAncestry } from './DriveAncestry.ts';
import type { DriveChange } from './driveApiShapes.ts';
import { driveFileRefusal, driveFileToEntry } from './driveFileToEntry.ts';
import type { GoogleDriveClient } from './GoogleDriveClient.ts';

/** What one read of the changes feed found, per band. */
export interface ChangeFeedBatch {
  /** Per band, what changed in its library (an id is in at most one of `upserts` and `removals`). */
  readonly byBand: ReadonlyMap<string, LibraryChangeSet>;
  /**
   * Every changed id and the band it is in now (`null`: none — deleted, trashed, moved out, or never in a
   * library). A band that holds an id under another band (or none) must drop it: see
   * `removalsFromFormerBands`.
   */
  readonly currentBandOf: ReadonlyMap<string, string | null>;
  /** Bound folders that were deleted, trashed or unshared: their bands' libraries are unreachable. */
  readonly lostFolders: readonly string[];
  /** The token to persist once this batch is applied, and to read from next time. */
  readonly resumeFrom: string;
  /** `false` when `maxPages` ran out first: read again from `resumeFrom` right away. */
  readonly complete: boolean;
}

interface BandChanges {
  readonly upserts: Map<string, UnplacedEntry>;
  readonly removals: Set<string>;
}

/** The batch being built while a read goes through the pages. */
interface Sorted {
  readonly byBand: Map<string, BandChanges>;
  readonly currentBandOf: Map<string, string | null>;
  /** The band whose change set holds an id's last change. */
  readonly recordedIn: Map<string, string>;
  readonly lostFolders: Set<string>;
}

/**
 * Reads Google Drive's changes feed for the platform's service account (one feed, one persisted page token
 * per account, whatever the number of bands) and sorts each change into the library of the band whose bound
 * folder it is under. The feed is chronological, so the last change of an id wins.
 *
 * @example
 * ```ts
 * const batch = await feed.read(storedToken, new Map([['1AbC', 'band-1']]));
 * for (const [bandId, changes] of batch.byBand) {
 *   const next = applyLibraryChanges(await store.entries(bandId), changes);
 *   // diffLibrary(bandId, stored, next.placed) → commit, publish; the last commit also carries
 *   // feedStore.pageTokenWrite(account, storedToken, batch.resumeFrom, at)
 * }
 * ```
 */
export class GoogleDriveChangeFeed {
  constructor(
    private readonly client: GoogleDriveClient,
    private readonly ancestry: DriveAncestry,
    private readonly options: { readonly maxPages?: number } = {},
  ) {}

  /** Where a feed starts for an account that has none yet (`changes.getStartPageToken`). */
  startPageToken(): Promise<string> {
    return this.client.startPageToken();
  }

  /**
   * Reads changes from `pageToken`. `bindings` maps each bound folder id to its band.
   */
  async read(pageToken: string, bindings: ReadonlyMap<string, string>): Promise<ChangeFeedBatch> {
    const maxPages = this.options.maxPages ?? 20;
    const byBand = new Map<string, BandChanges>();
    const currentBandOf = new Map<string, string | null>();
    const recordedIn = new Map<string, string>();
    const lostFolders = new Set<string>();
    let token = pageToken;
    for (let pages = 0; pages < maxPages; pages++) {
      const page = await this.client.listChanges(token);
      // Folder moves first: a file's placement in this page may depend on where its folder went.
      for (const change of page.changes) {
        if (change.file?.mimeType === 'application/vnd.google-apps.folder')
          this.ancestry.remember(change.file);
        else if (change.removed === true && change.fileId !== undefined) this.ancestry.forget(change.fileId);
      }
      for (const change of page.changes) {
        await this.sort(change, bindings, { byBand, currentBandOf, recordedIn, lostFolders });
      }
      if (page.newStartPageToken !== null) {
        return this.batch(byBand, currentBandOf, lostFolders, page.newStartPageToken, true);
      }
      if (page.nextPageToken === null) break;
      token = page.nextPageToken;
    }
    return this.batch(byBand, currentBandOf, lostFolders, token, false);
  }

  private async sort(
    change: DriveChange,
    bindings: ReadonlyMap<string, string>,
    into: Sorted,
  ): Promise<void> {
    const { byBand, currentBandOf, recordedIn, lostFolders } = into;
    const fileId = change.fileId ?? change.file?.id;
    if (fileId === undefined) return; // a shared-drive change (changeType 'drive'): no file concerned
    const bandsFor = (bandId: string): BandChanges => {
      const existing = byBand.get(bandId);
      if (existing !== undefined) return existing;
      const created = { upserts: new Map<string, UnplacedEntry>(), removals: new Set<string>() };
      byBand.set(bandId, created);
      return created;
    };
    const file = change.removed === true ? undefined : change.file;
    if (bindings.has(fileId)) {
      // The bound folder itself is the library's top, not an item of it; it matters only when it goes.
      if (file === undefined || file.trashed === true) lostFolders.add(fileId);
      else lostFolders.delete(fileId);
      return;
    }
    // An earlier change of this id in the batch was recorded somewhere: the last change wins.
    const earlierBand = recordedIn.get(fileId);
    if (earlierBand !== undefined) {
      const earlier = bandsFor(earlierBand);
      earlier.upserts.delete(fileId);
      earlier.removals.delete(fileId);
      recordedIn.delete(fileId);
    }
    if (file === undefined) {
      currentBandOf.set(fileId, null);
      return;
    }
    const placement = await this.ancestry.placementOf(file.parents?.[0] ?? null, bindings);
    if (placement === null) {
      currentBandOf.set(fileId, null);
      return;
    }
    const changes = bandsFor(placement.bandId);
    recordedIn.set(fileId, placement.bandId);
    if (file.trashed === true || driveFileRefusal(file) !== null) {
      // Trashed, or renamed to something the library ignores: it leaves this band's library.
      changes.removals.add(fileId);
      currentBandOf.set(fileId, null);
      return;
    }
    changes.upserts.set(fileId, driveFileToEntry(file, placement.boundFolderId));
    currentBandOf.set(fileId, placement.bandId);
  }

  private batch(
    byBand: Map<string, BandChanges>,
    currentBandOf: Map<string, string | null>,
    lostFolders: Set<string>,
    resumeFrom: string,
    complete: boolean,
  ): ChangeFeedBatch {
    const sets = new Map<string, LibraryChangeSet>();
    for (const [bandId, changes] of byBand) {
      if (changes.upserts.size === 0 && changes.removals.size === 0) continue;
      sets.set(bandId, { upserts: [...changes.upserts.values()], removals: [...changes.removals] });
    }
    return { byBand: sets, currentBandOf, lostFolders: [...lostFolders], resumeFrom, complete };
  }
}
