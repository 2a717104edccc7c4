import type { SongFileView, SongView } from '../../../shared/contracts/services/contentServices.ts';
import type { Gig } from './gig.ts';
import type { Chair, SetlistEntry } from './gigFields.ts';
import { downloadRouteOf, readViewFile, type ViewFile } from './songViews.ts';

/** One setlist entry as the caller sees it: the entry, its place, and the song in the caller's view. */
export interface SetlistEntryView extends SetlistEntry {
  readonly position: number;
  /** The caller's part(s) and the recordings; null when the library has nothing of the song for them. */
  readonly song: SongView | null;
}

/** A gig opened by a member or a leader (DOMAIN.md, "Setlists and gigs"). */
export interface GigView {
  readonly gigId: string;
  readonly date: string;
  readonly name: string;
  readonly venue: string | null;
  readonly loadIn: string | null;
  readonly downbeat: string | null;
  readonly dressCode: string | null;
  readonly notes: string | null;
  readonly status: Gig['status'];
  readonly sets: readonly { readonly name: string; readonly songs: readonly SetlistEntryView[] }[];
  /** Library files named `YYYY-MM-DD_Name` on the gig's date. */
  readonly documents: readonly SongFileView[];
  /** Leaders see every chair; a member sees their own. */
  readonly chairs: readonly Chair[];
  readonly revision: number;
}

/**
 * The gig for one caller: its details, the sets in order with the caller's view of each song, the day's
 * documents and the chairs they may see. `songs` holds the caller's views of the setlist's songs by key.
 */
export const gigView = (
  gig: Gig,
  songs: ReadonlyMap<string, SongView>,
  documents: readonly ViewFile[],
  viewer: { readonly userId: string; readonly leader: boolean },
): GigView => {
  let position = 0;
  return {
    gigId: gig.gigId,
    date: gig.date,
    name: gig.name,
    venue: gig.venue,
    loadIn: gig.loadIn,
    downbeat: gig.downbeat,
    dressCode: gig.dressCode,
    notes: gig.notes,
    status: gig.status,
    sets: gig.sets.map((set) => ({
      name: set.name,
      songs: set.songs.map((entry) => {
        position += 1;
        return { ...entry, position, song: songs.get(entry.songKey) ?? null };
      }),
    })),
    documents: documents.map(readViewFile).map((file) => ({
      fileId: file.fileId,
      name: file.name,
      kind: file.reading.kind,
      token: file.reading.token,
      audioKind: file.reading.audioKind,
      modifiedAt: file.modifiedAt,
      downloadRoute: downloadRouteOf(gig.bandId, file.fileId),
    })),
    chairs: viewer.leader ? gig.chairs : gig.chairs.filter((c) => c.userId === viewer.userId),
    revision: gig.revision,
  };
};
