import type { DriveFile } from './driveApiShapes.ts';
import type { GoogleDriveClient } from './GoogleDriveClient.ts';
import type { Pacing } from './pacing.ts';

/** Where a Drive item sits: the bound folder it is under, or nowhere the platform serves. */
export interface Placement {
  readonly bandId: string;
  readonly boundFolderId: string;
}

interface Known {
  /** `null`: the service account cannot see the folder (404). */
  readonly parents: readonly string[] | null;
  readonly trashed: boolean;
  readonly at: number;
}

/** Deeper than any real library: a walk this long is a loop or a pathological tree, and stops. */
const MAX_DEPTH = 64;

/**
 * Finds which band's library a Drive item belongs to by walking its parents up to a bound folder
 * (subfolders included), with `files.get?fields=parents` for the folders it has not seen. Parents are
 * cached per folder for `ttlMs`; the changes feed refreshes a folder's entry when it reports the folder
 * moved, and the TTL bounds how long another process's view of a move can be stale.
 *
 * @example
 * ```ts
 * const placement = await ancestry.placementOf(file.parents?.[0] ?? null, new Map([['1AbC', 'band-1']]));
 * ```
 */
export class DriveAncestry {
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly client: GoogleDriveClient,
    private readonly pacing: Pacing,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  /** Records what a change (or a listing) said about a folder, fresher than anything cached. */
  remember(file: DriveFile): void {
    this.known.set(file.id, {
      parents: file.parents ?? [],
      trashed: file.trashed === true,
      at: this.pacing.now(),
    });
  }

  /** Drops what is known about an item (it was removed). */
  forget(fileId: string): void {
    this.known.delete(fileId);
  }

  /**
   * The band whose bound folder is `parentId` or one of its ancestors; `null` when the chain ends first
   * (My Drive, a folder not shared with the platform), passes through a trashed folder, or loops.
   */
  async placementOf(
    parentId: string | null,
    bindings: ReadonlyMap<string, string>,
  ): Promise<Placement | null> {
    const visited = new Set<string>();
    let cursor = parentId;
    while (cursor !== null && visited.size < MAX_DEPTH && !visited.has(cursor)) {
      const bandId = bindings.get(cursor);
      if (bandId !== undefined) return { bandId, boundFolderId: cursor };
      visited.add(cursor);
      const known = await this.lookUp(cursor);
      if (known.parents === null || known.trashed) return null;
      cursor = known.parents[0] ?? null;
    }
    return null;
  }

  private async lookUp(folderId: string): Promise<Known> {
    const cached = this.known.get(folderId);
    if (cached !== undefined && this.pacing.now() - cached.at < this.ttlMs) return cached;
    const file = await this.client.getFile(folderId);
    const known: Known =
      file === null
        ? { parents: null, trashed: false, at: this.pacing.now() }
        : { parents: file.parents ?? [], trashed: file.trashed === true, at: this.pacing.now() };
    this.known.set(folderId, known);
    return known;
  }
}
