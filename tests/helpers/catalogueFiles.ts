import { readFileName } from '../../functions/content/domain/readFileName.ts';
import { type CatalogueFile, groupSongs, type Song } from '../../functions/content/domain/songCatalogue.ts';

/** A library file as the content module will hold it: id, name and what the name says. */
export const catalogueFile = (name: string, fileId = `f-${name}`): CatalogueFile => ({
  fileId,
  name,
  reading: readFileName(name),
});

/** The one song the names make (they must all name the same song). */
export const songOf = (...names: string[]): Song => {
  const [song, ...others] = groupSongs(names.map((name) => catalogueFile(name)));
  if (!song || others.length > 0) throw new Error(`expected one song from ${names.join(', ')}`);
  return song;
};
