import * as z from 'zod';
import { AudioKind, Instrument, LibraryFileKind, Role, TranspositionToken } from '../bandVocabulary.ts';
import { defineService } from '../defineService.ts';
import { BandId, EntityId, IsoDateTime, UserId } from '../identifiers.ts';

/** An opaque paging cursor: only content can read it. */
const Cursor = z.string().min(1).max(2048);
/** Song key: the title lower-cased without separators (DOMAIN.md), so `AllOfMe` and `All_Of_Me` are one song. */
export const SongKey = z.string().min(1).max(255);
const Limit = z.number().int().min(1).max(100).default(20);

/** Every operation acts for a user: content checks that user's membership of the band before answering. */
const BandRequest = z.object({ bandId: BandId, actingUserId: UserId }).strict();

export const SongFileView = z
  .object({
    fileId: EntityId,
    name: z.string().min(1).max(255),
    kind: LibraryFileKind,
    token: TranspositionToken.nullable(),
    audioKind: AudioKind.nullable(),
    modifiedAt: IsoDateTime,
    /** Route that answers a short-lived download link for this file (drive's download route). */
    downloadRoute: z.string().min(1).max(512),
  })
  .strict();
export type SongFileView = z.infer<typeof SongFileView>;

export const SongView = z
  .object({
    songKey: SongKey,
    displayTitle: z.string().min(1).max(255),
    charts: z.array(SongFileView),
    audio: z.array(SongFileView),
    /** Tokens of the caller's view with a placeholder and no chart yet: shown as "part coming". */
    partComing: z.array(TranspositionToken),
  })
  .strict();

export type SongView = z.infer<typeof SongView>;

export const GigStatus = z.enum(['tentative', 'confirmed', 'cancelled', 'completed']);
export const OfferStatus = z.enum(['offered', 'accepted', 'declined']);

export const GigSummary = z
  .object({
    gigId: EntityId,
    date: z.iso.date(),
    name: z.string().min(1).max(200),
    venue: z.string().max(200).nullable(),
    status: GigStatus,
    /** The caller's chair offer for this gig, if any. */
    myOffer: z.object({ instrument: Instrument, status: OfferStatus }).strict().nullable(),
  })
  .strict();

export type GigSummary = z.infer<typeof GigSummary>;

export const RecentFile = z
  .object({
    fileId: EntityId,
    name: z.string().min(1).max(255),
    kind: LibraryFileKind,
    songKey: SongKey.nullable(),
    displayTitle: z.string().max(255).nullable(),
    token: TranspositionToken.nullable(),
    addedAt: IsoDateTime,
  })
  .strict();

export type RecentFile = z.infer<typeof RecentFile>;

export const MemberTokens = z
  .object({ userId: UserId, role: Role, tokens: z.array(TranspositionToken) })
  .strict();

export const contentService = defineService({
  module: 'content',
  name: 'content_service',
  version: 1,
  description:
    'A member’s view of a band’s songs and gigs, for modules that show or route it (dashboard, sync). Each operation checks the acting user’s membership.',
  operations: {
    memberView: {
      description:
        'One page of songs as the acting user sees them: charts for their instruments (or one instrument), audio, parts coming.',
      input: BandRequest.extend({
        instrument: Instrument.optional(),
        cursor: Cursor.nullable().default(null),
        limit: Limit,
      }),
      output: z.object({ songs: z.array(SongView), nextCursor: Cursor.nullable() }).strict(),
    },
    upcomingGigs: {
      description:
        'The band’s next gigs (today or later, not cancelled), soonest first, with the caller’s offer.',
      input: BandRequest.extend({ limit: Limit }),
      output: z.object({ gigs: z.array(GigSummary) }).strict(),
    },
    completedGigs: {
      description: 'The band’s past or completed gigs, newest first.',
      input: BandRequest.extend({ limit: Limit }),
      output: z.object({ gigs: z.array(GigSummary) }).strict(),
    },
    pendingOffers: {
      description: 'Gigs offered to the caller that await their answer, soonest first.',
      input: BandRequest.extend({ limit: Limit }),
      output: z.object({ gigs: z.array(GigSummary) }).strict(),
    },
    recentlyAdded: {
      description:
        'Library files added or replaced lately that the caller sees (their charts, audio, gig documents), newest first.',
      input: BandRequest.extend({ limit: Limit }),
      output: z.object({ files: z.array(RecentFile) }).strict(),
    },
    tokensOf: {
      description:
        'Which chart tokens a member reads in a band, and their role (a leader sees every chart); null role when not a member.',
      input: z.object({ bandId: BandId, userId: UserId }).strict(),
      output: z.object({ role: Role.nullable(), tokens: z.array(TranspositionToken) }).strict(),
    },
    bandAudience: {
      description:
        'Every member of a band with role and chart tokens, in one call (for live fan-out filtering).',
      input: z.object({ bandId: BandId }).strict(),
      output: z.object({ members: z.array(MemberTokens) }).strict(),
    },
  },
});
