import * as z from 'zod';
import { AudioKind, Instrument, LibraryFileKind, TranspositionToken } from '../bandVocabulary.ts';
import { defineEvent } from '../defineEvent.ts';
import { FileNameReading } from '../fileNameReading.ts';
import { BandId, EntityId, UserId } from '../identifiers.ts';
import { GigStatus } from '../services/contentServices.ts';

/** What a library file name means (DOMAIN.md, "The library and file naming"). */
export const ParsedFileName = z
  .object({
    kind: LibraryFileKind,
    songId: EntityId.nullable().describe(
      'Stable id of the song (derived from its title); null for gigs/other',
    ),
    songTitle: z.string().max(255).nullable().describe('TitleCase title as written in the file name'),
    displayTitle: z.string().max(255).nullable(),
    token: TranspositionToken.nullable(),
    audioKind: AudioKind.nullable(),
    gigDate: z.iso.date().nullable(),
    gigName: z.string().max(255).nullable(),
    extension: z.string().max(16),
    conforming: z.boolean(),
    issues: z.array(z.string().max(500)).max(20).describe('Why the name does not conform, if it does not'),
    songKey: FileNameReading.shape.songKey.optional(),
    placeholder: FileNameReading.shape.placeholder.optional(),
  })
  .strict();
export type ParsedFileName = z.infer<typeof ParsedFileName>;

/** Who a content change concerns: the players of these instruments (leaders always see everything). */
const ConcernedInstruments = z
  .array(Instrument)
  .describe('Instruments whose players see this file; empty with allMembers=true for audio and gigs');

export const contentParsed = defineEvent({
  name: 'content.parsed',
  owner: 'content',
  version: 1,
  bandScoped: true,
  description: 'A library file name was parsed into song, kind and transposition.',
  data: z
    .object({
      bandId: BandId,
      fileId: EntityId,
      fileName: z.string().min(1).max(255),
      parsed: ParsedFileName,
    })
    .strict(),
});

export const contentUpdated = defineEvent({
  name: 'content.updated',
  owner: 'content',
  version: 1,
  bandScoped: true,
  description: 'The song catalogue gained or changed a file; members it concerns should refresh.',
  data: z
    .object({
      bandId: BandId,
      fileId: EntityId,
      fileName: z.string().min(1).max(255),
      change: z.enum(['added', 'changed']),
      kind: LibraryFileKind,
      songId: EntityId.nullable(),
      displayTitle: z.string().max(255).nullable(),
      token: TranspositionToken.nullable(),
      instruments: ConcernedInstruments,
      allMembers: z.boolean(),
    })
    .strict(),
});

export const contentDeleted = defineEvent({
  name: 'content.deleted',
  owner: 'content',
  version: 1,
  bandScoped: true,
  description: 'A file left the song catalogue.',
  data: z
    .object({
      bandId: BandId,
      fileId: EntityId,
      fileName: z.string().min(1).max(255),
      kind: LibraryFileKind,
      songId: EntityId.nullable(),
      token: TranspositionToken.nullable(),
      instruments: ConcernedInstruments,
      allMembers: z.boolean(),
    })
    .strict(),
});

export const metadataChanged = defineEvent({
  name: 'content.metadata_changed',
  owner: 'content',
  version: 1,
  bandScoped: true,
  description: 'A song’s band-specific metadata (e.g. its display title) changed.',
  data: z
    .object({
      bandId: BandId,
      songId: EntityId,
      changes: z
        .object({ displayTitle: z.string().min(1).max(255).optional() })
        .strict()
        .refine((c) => Object.keys(c).length > 0, 'at least one change'),
      changedBy: UserId,
    })
    .strict(),
});

/** What happened to a gig: sync pushes `gig_updated` to the band and dashboard refreshes its gig widgets. */
export const GigChange = z.enum(['created', 'details', 'setlist', 'personnel', 'response', 'deleted']);

export const gigUpdated = defineEvent({
  name: 'content.gig_updated',
  owner: 'content',
  version: 1,
  bandScoped: true,
  description:
    'A gig was created, edited, given a setlist or personnel, answered by a member, or deleted; members refresh it.',
  data: z
    .object({
      bandId: BandId,
      gigId: EntityId,
      change: GigChange,
      date: z.iso.date(),
      status: GigStatus,
      changedBy: UserId,
      /** The members the change concerns most (offered, answering); every member may still refresh. */
      members: z.array(UserId).max(200),
    })
    .strict(),
});

export const catalogueReconciled = defineEvent({
  name: 'content.catalogue_reconciled',
  owner: 'content',
  version: 1,
  bandScoped: true,
  description:
    'Content compared its song catalogue with the drive’s library and repaired what had drifted (counts of repairs).',
  data: z
    .object({
      bandId: BandId,
      trigger: z.enum(['schedule', 'manual']),
      added: z.number().int().nonnegative(),
      changed: z.number().int().nonnegative(),
      removed: z.number().int().nonnegative(),
      unchanged: z.number().int().nonnegative(),
    })
    .strict(),
});

export const contentEvents = [
  contentParsed,
  contentUpdated,
  contentDeleted,
  metadataChanged,
  gigUpdated,
  catalogueReconciled,
] as const;
