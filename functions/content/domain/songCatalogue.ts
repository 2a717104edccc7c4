import type { FileNameReading } from '../../../shared/contracts/fileNameReading.ts';

/** A library file with what its name says; the module's own records (with dates, links...) extend it. */
export interface CatalogueFile {
  readonly fileId: string;
  readonly name: string;
  readonly reading: FileNameReading;
}

/** The files of one song: every spelling of its title (`AllOfMe`, `All_Of_Me`, `allofme`) together. */
export interface Song<F extends CatalogueFile = CatalogueFile> {
  readonly songKey: string;
  readonly title: string;
  readonly files: readonly F[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The title a song is shown with: the band's override, else the title most of its files spell it with, preferring
 * names that follow the TitleCase rule (`AllOfMe` over `allofme`, which cannot be split into words); ties go to
 * the first in code-point order so every caller picks the same.
 */
const chooseTitle = (files: readonly CatalogueFile[], override: string | undefined): string => {
  if (override) return override;
  const votes = new Map<string, { styled: number; all: number }>();
  for (const { reading } of files) {
    if (reading.title === null) continue;
    const vote = votes.get(reading.title) ?? { styled: 0, all: 0 };
    if (!reading.problems.some((p) => p.code === 'title_style')) vote.styled += 1;
    vote.all += 1;
    votes.set(reading.title, vote);
  }
  const ranked = [...votes].sort(
    ([a, va], [b, vb]) => vb.styled - va.styled || vb.all - va.all || byText(a, b),
  );
  return ranked[0]?.[0] ?? '';
};

/**
 * Groups library files into songs by song key. Gig documents and other files belong to no song and are left out;
 * songs come sorted by title (then key), files by name.
 */
export const groupSongs = <F extends CatalogueFile>(
  files: readonly F[],
  titleOverrides: ReadonlyMap<string, string> = new Map(),
): Song<F>[] => {
  const bySong = new Map<string, F[]>();
  for (const file of files) {
    const key = file.reading.songKey;
    if (key === null) continue;
    const songFiles = bySong.get(key);
    if (songFiles) songFiles.push(file);
    else bySong.set(key, [file]);
  }
  return [...bySong]
    .map(([songKey, songFiles]) => ({
      songKey,
      title: chooseTitle(songFiles, titleOverrides.get(songKey)),
      files: songFiles.sort((a, b) => byText(a.name, b.name) || byText(a.fileId, b.fileId)),
    }))
    .sort((a, b) => byText(a.title.toLowerCase(), b.title.toLowerCase()) || byText(a.songKey, b.songKey));
};
