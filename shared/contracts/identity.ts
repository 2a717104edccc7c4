import * as z from 'zod';
import { Instrument } from './bandVocabulary.ts';
import { Membership } from './events/authEvents.ts';
import { Email, UserId } from './identifiers.ts';

/**
 * Most bands one identity carries. The access token carries every membership and travels in a header (HTTP
 * APIs cap headers near 10 KB): auth refuses a band or an invitation past this, it never truncates.
 */
export const MAX_MEMBERSHIPS_PER_IDENTITY = 50;

/** Who is calling: set by the authorizer, read by the handler kit. */
export const Identity = z
  .object({
    userId: UserId,
    email: Email,
    name: z.string().max(200),
    memberships: z.array(Membership).max(MAX_MEMBERSHIPS_PER_IDENTITY),
    instruments: z.array(Instrument),
  })
  .strict();
export type Identity = z.infer<typeof Identity>;

/**
 * The authorizer returns the identity JSON-encoded under this context key: WebSocket authorizers only pass
 * flat string/number/boolean context values, and one encoding for both edges keeps the kit simple.
 */
export const AUTHORIZER_IDENTITY_KEY = 'identity';
