import type { Instrument, TranspositionToken } from '../../../shared/contracts/bandVocabulary.ts';
import type { FileNameReading } from '../../../shared/contracts/fileNameReading.ts';
import { instrumentsReading } from './instrumentTokens.ts';

/** Who a library file concerns besides the leaders, who see everything (the shape of content events). */
export interface FileAudience {
  /** The players who see it because of their instrument; empty when `allMembers` or when only leaders do. */
  readonly instruments: Instrument[];
  readonly allMembers: boolean;
}

type AudienceFields = Pick<FileNameReading, 'kind' | 'token' | 'placeholder'>;

/**
 * Charts and token placeholders concern the players of their token; audio, gig documents and song placeholders
 * ("part coming" for everyone) every member; a chart without a token and any other file only the leaders.
 */
export const fileAudience = (reading: AudienceFields): FileAudience => {
  switch (reading.kind) {
    case 'chart':
    case 'placeholder':
      if (reading.token) return { instruments: instrumentsReading(reading.token), allMembers: false };
      return { instruments: [], allMembers: reading.placeholder === 'song' };
    case 'audio':
    case 'gig':
      return { instruments: [], allMembers: true };
    case 'other':
      return { instruments: [], allMembers: false };
  }
};

/** Whether a member who reads `memberTokens` sees the file (a placeholder shows as "part coming"). */
export const visibleToMember = (
  reading: AudienceFields,
  memberTokens: readonly TranspositionToken[],
): boolean => {
  if (reading.kind === 'chart' || reading.kind === 'placeholder') {
    return reading.token ? memberTokens.includes(reading.token) : reading.placeholder === 'song';
  }
  return fileAudience(reading).allMembers;
};
