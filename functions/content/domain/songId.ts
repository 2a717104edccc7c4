import { createHash } from 'node:crypto';

/** A plain key is its own id when it fits an entity id comfortably. */
const PLAIN_KEY = /^[a-z0-9]{1,100}$/;
const NOT_ID_CHAR = /[^a-z0-9]+/g;

/**
 * The stable id of a song, derived from its song key so every file of the song, in every spelling, yields the same
 * id without a lookup. An ASCII key is its own id (`allofme`); a key with other letters (`café`) or a very long one
 * keeps its ASCII letters for readability and adds a hash of the whole key (`caf-1f3a…`). The hashed form always
 * has a hyphen and a plain one never does, so the two cannot collide.
 */
export const songIdOf = (songKey: string): string => {
  if (PLAIN_KEY.test(songKey)) return songKey;
  const readable = songKey.replace(NOT_ID_CHAR, '').slice(0, 40) || 'song';
  const hash = createHash('sha256').update(songKey).digest('hex').slice(0, 16);
  return `${readable}-${hash}`;
};
