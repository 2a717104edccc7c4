import { decideCatalogueChange } from '../../functions/content/domain/catalogueChange.ts';
import type { CatalogueStore } from '../../functions/content/store/CatalogueStore.ts';
import type { LibraryFile } from '../../shared/contracts/events/driveEvents.ts';
import { libraryFile } from './contentPlatform.ts';

/** The ten files of one song in a full band library: a chart per token, three recordings and a chart without a token (leaders only). */
const SONG_FILES = [
  '_Bb.pdf',
  '_Eb.pdf',
  '_Concert.pdf',
  '_BassClef.pdf',
  '_Chords.pdf',
  '_Lyrics.pdf',
  '.mp3',
  '_Ref.mp3',
  '_Backing.wav',
  '.pdf',
] as const;

/** The title of song `i` of a generated library (TitleCase, in song-key order with the others). */
export const tuneTitle = (i: number): string => `Tune${String(i).padStart(5, '0')}`;

/** A band library of `fileCount` files (a multiple of 10): ten files per song, as above. */
export const fullBandLibrary = (fileCount: number): LibraryFile[] => {
  const files: LibraryFile[] = [];
  for (let i = 0; files.length < fileCount; i += 1) {
    for (const [n, suffix] of SONG_FILES.entries()) {
      if (files.length < fileCount) files.push(libraryFile(`t${i}-${n}`, `${tuneTitle(i)}${suffix}`));
    }
  }
  return files;
};

/**
 * Puts files into the catalogue through the store's own write (the decision a first `drive.file_added` makes),
 * several at a time: seeding thousands of files through the event path would only be slower, not different.
 */
export const seedCatalogue = async (
  catalogue: CatalogueStore,
  bandId: string,
  files: readonly LibraryFile[],
  concurrency = 16,
): Promise<void> => {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i];
      if (!file) continue;
      const decision = decideCatalogueChange(null, {
        kind: 'upsert',
        bandId,
        file,
        occurredAt: file.modifiedAt,
      });
      if (decision.kind === 'ignore') throw new Error(`a first add of ${file.name} is never ignored`);
      await catalogue.apply(decision, null, []);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
};
