import { TranspositionToken } from '../../../shared/contracts/bandVocabulary.ts';
import type { FileNameReading } from '../../../shared/contracts/fileNameReading.ts';

/**
 * The catalogue is stored in a few partitions per band, one per audience, so a member's repertoire is one query
 * per token they read plus one for what every member sees, whatever the size of the library:
 * `tok:<Token>` charts and token placeholders, `all` audio and song placeholders, `gig` gig documents (by date),
 * `lead` what only leaders see (charts without a token, other files).
 */
export type ViewPartition = `tok:${TranspositionToken}` | 'all' | 'gig' | 'lead';

/** Where a file sits in the views: its partition and the key it is ordered by there (song key or gig date). */
export interface ViewPlacement {
  readonly partition: ViewPartition;
  readonly orderKey: string;
}

export const tokenPartition = (token: TranspositionToken): ViewPartition => `tok:${token}`;

/** The partition and order key of a file, from its reading. */
export const placementOf = (reading: FileNameReading): ViewPlacement => {
  switch (reading.kind) {
    case 'chart':
    case 'placeholder':
      if (reading.token) return { partition: tokenPartition(reading.token), orderKey: reading.songKey ?? '' };
      if (reading.kind === 'placeholder') return { partition: 'all', orderKey: reading.songKey ?? '' };
      return { partition: 'lead', orderKey: reading.songKey ?? '' };
    case 'audio':
      return { partition: 'all', orderKey: reading.songKey ?? '' };
    case 'gig':
      return { partition: 'gig', orderKey: reading.gigDate ?? '' };
    case 'other':
      return { partition: 'lead', orderKey: reading.songKey ?? '' };
  }
};

/** The partitions holding songs a member who reads `tokens` sees. */
export const memberPartitions = (tokens: readonly TranspositionToken[]): ViewPartition[] => [
  ...tokens.map(tokenPartition),
  'all',
];

/** Every partition holding songs: a leader's "all" view and a song's full file list. */
export const songPartitions = (): ViewPartition[] => [
  ...TranspositionToken.options.map(tokenPartition),
  'all',
  'lead',
];
