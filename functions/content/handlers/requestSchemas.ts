import * as z from 'zod';
import { Instrument } from '../../../shared/contracts/bandVocabulary.ts';
import { BandId, EntityId } from '../../../shared/contracts/identifiers.ts';
import { SongKey } from '../../../shared/contracts/services/contentServices.ts';
import { oneLineText } from '../../../shared/contracts/typedText.ts';

/** Path parameters of content's band routes. */
export const BandPath = z.object({ bandId: BandId });
export const SongPath = BandPath.extend({ songKey: SongKey });
export const GigPath = BandPath.extend({ gigId: EntityId });

const Limit = z.coerce.number().int().min(1).max(100).default(20);

export const SongsQuery = z
  .object({
    instrument: Instrument.optional(),
    view: z.enum(['mine', 'all']).optional(),
    cursor: z.string().min(1).max(2048).optional(),
    limit: Limit,
  })
  .strict();

export const GigsQuery = z
  .object({ selection: z.enum(['all', 'upcoming', 'completed', 'pending']).default('all'), limit: Limit })
  .strict();

export const TitleOverride = z.object({ displayTitle: oneLineText(255) }).strict();
