import * as z from 'zod';
import { Instrument } from '../../../shared/contracts/bandVocabulary.ts';
import { Membership } from '../../../shared/contracts/events/authEvents.ts';
import { Email, UserId } from '../../../shared/contracts/identifiers.ts';
import type { Identity } from '../../../shared/contracts/identity.ts';
import { MAX_BANDS_PER_USER, MAX_NAME_LENGTH } from './authConstants.ts';

/**
 * The platform's own claims inside an access token, next to the registered ones (`sub`, `iss`, `aud`,
 * `jti`, `iat`, `exp`) that jose sets and checks.
 */
export const AccessTokenClaims = z.object({
  sub: UserId,
  email: Email,
  name: z.string().max(MAX_NAME_LENGTH),
  memberships: z.array(Membership).max(MAX_BANDS_PER_USER),
  instruments: z.array(Instrument),
});
export type AccessTokenClaims = z.infer<typeof AccessTokenClaims>;

/** The claims that carry an identity (the inverse of {@link identityFromClaims}). */
export const claimsForIdentity = (identity: Identity): AccessTokenClaims => ({
  sub: identity.userId,
  email: identity.email,
  name: identity.name,
  memberships: identity.memberships.map((m) => ({ bandId: m.bandId, role: m.role })),
  instruments: [...identity.instruments],
});

/**
 * Reads the identity out of a verified token's payload. Returns null when the payload does not have the
 * shape this module signs, so a token from another issuer that happens to verify can never pass as ours.
 */
export const identityFromClaims = (payload: unknown): Identity | null => {
  const parsed = AccessTokenClaims.safeParse(payload);
  if (!parsed.success) return null;
  const { sub, email, name, memberships, instruments } = parsed.data;
  return { userId: sub, email, name, memberships, instruments };
};
