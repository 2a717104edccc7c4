import * as z from 'zod';
import { Instrument } from './bandVocabulary.ts';
import { Membership } from './events/authEvents.ts';
import { Email, UserId } from './identifiers.ts';

/** Who is calling: set by the authorizer, read by the handler kit. */
export const Identity = z
  .object({
    userId: UserId,
    email: Email,
    name: z.string().max(200),
    memberships: z.array(Membership),
    instruments: z.array(Instrument),
  })
  .strict();
export type Identity = z.infer<typeof Identity>;

/**
 * The authorizer returns the identity JSON-encoded under this context key: WebSocket authorizers only pass
 * flat string/number/boolean context values, and one encoding for both edges keeps the kit simple.
 */
export const AUTHORIZER_IDENTITY_KEY = 'identity';

/** Environment variable (set on the authorizer function from the model): route keys that need the leader role. */
export const LEADER_ROUTES_ENV = 'SOLEIL_LEADER_ROUTES';
