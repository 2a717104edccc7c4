import * as z from 'zod';
import { BandId, EntityId, IsoDateTime } from './identifiers.ts';

/** Events may cause events; past this many hops the publisher refuses, so a loop cannot run forever. */
export const MAX_EVENT_HOPS = 16;

/** Metadata every platform event carries in `detail.metadata`. */
export const EventMetadata = z
  .object({
    eventId: z.uuid(),
    schemaVersion: z.number().int().positive(),
    correlationId: z.string().min(1).max(128),
    causationId: z.uuid().nullable(),
    occurredAt: IsoDateTime,
    hop: z.number().int().min(0).max(MAX_EVENT_HOPS),
    bandId: BandId.optional(),
    producer: EntityId.describe('The module that published the event'),
  })
  .strict();
export type EventMetadata = z.infer<typeof EventMetadata>;

/** The `detail` of every platform event: `{ metadata, data }`, `data` validated by the event's own schema. */
export const eventDetailSchema = <T extends z.ZodType>(data: T) =>
  z.object({ metadata: EventMetadata, data }).strict();

export type EventDetail<T> = { metadata: EventMetadata; data: T };
