import * as z from 'zod';
import { Instrument } from '../../../shared/contracts/bandVocabulary.ts';
import { UserId } from '../../../shared/contracts/identifiers.ts';
import { GigStatus, OfferStatus, SongKey } from '../../../shared/contracts/services/contentServices.ts';
import { multiLineText, oneLineText } from '../../../shared/contracts/typedText.ts';

/** A wall-clock time of the gig's day, `HH:MM` (24 h). */
const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');

/** The fields of a gig a leader sets (DOMAIN.md: Date | Venue | Load-in | Downbeat | Dress Code | Notes | Status). */
export const GigDetails = z
  .object({
    date: z.iso.date(),
    name: oneLineText(200),
    venue: oneLineText(200).nullable().default(null),
    loadIn: TimeOfDay.nullable().default(null),
    downbeat: TimeOfDay.nullable().default(null),
    dressCode: oneLineText(200).nullable().default(null),
    notes: multiLineText(2000).nullable().default(null),
    status: GigStatus.default('tentative'),
  })
  .strict();
export type GigDetails = z.infer<typeof GigDetails>;

/** A partial edit of a gig's details: only the fields given change (null clears an optional one). */
export const GigDetailsPatch = z
  .object({
    date: z.iso.date(),
    name: oneLineText(200),
    venue: oneLineText(200).nullable(),
    loadIn: TimeOfDay.nullable(),
    downbeat: TimeOfDay.nullable(),
    dressCode: oneLineText(200).nullable(),
    notes: multiLineText(2000).nullable(),
    status: GigStatus,
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change');
export type GigDetailsPatch = z.infer<typeof GigDetailsPatch>;

/** One song of a set (DOMAIN.md: Order | Title | Key | Duration | Notes): the order is its place in the list. */
export const SetlistEntry = z
  .object({
    songKey: SongKey,
    key: oneLineText(12).nullable().default(null),
    durationSeconds: z.number().int().min(1).max(7200).nullable().default(null),
    notes: multiLineText(500).nullable().default(null),
  })
  .strict();
export type SetlistEntry = z.infer<typeof SetlistEntry>;

export const SetlistSet = z.object({ name: oneLineText(100), songs: z.array(SetlistEntry).max(60) }).strict();
export type SetlistSet = z.infer<typeof SetlistSet>;

export const Setlist = z.object({ sets: z.array(SetlistSet).max(10) }).strict();

/** A chair the leader offers: a member for an instrument. */
export const ChairOffer = z.object({ userId: UserId, instrument: Instrument }).strict();
export type ChairOffer = z.infer<typeof ChairOffer>;

export const Personnel = z.object({ chairs: z.array(ChairOffer).max(100) }).strict();

/** A chair as the gig keeps it: the offer and the member's answer. */
export const Chair = ChairOffer.extend({ status: OfferStatus, answeredAt: z.iso.datetime().nullable() });
export type Chair = z.infer<typeof Chair>;

/** The member's answer to an offer. */
export const OfferResponse = z.object({ accept: z.boolean() }).strict();
