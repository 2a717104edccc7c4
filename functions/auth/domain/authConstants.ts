import { MAX_MEMBERSHIPS_PER_IDENTITY } from '../../../shared/contracts/identity.ts';

/** Access tokens are short-lived: a revoked membership stops working within this many seconds. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/**
 * Clock difference tolerated between the container that issued a token and the one verifying it: a token
 * may claim a lifetime (`exp - iat`) of at most the TTL plus this, and an `iat` at most this far ahead.
 */
export const ACCESS_TOKEN_CLOCK_SKEW_SECONDS = 60;

/** One refresh token lives this long; each use rotates it and starts a new period. */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

/** A session (refresh-token family) ends this long after sign-in, however often it is refreshed. */
export const SESSION_MAX_AGE_SECONDS = 90 * 24 * 60 * 60;

/** A pending invitation expires after this long. */
export const INVITATION_TTL_SECONDS = 14 * 24 * 60 * 60;

/** Signing algorithm of access tokens (ECDSA P-256 with SHA-256). */
export const ACCESS_TOKEN_ALG = 'ES256';

/** Manifest name of the signing key of access tokens (a KMS key in AWS). */
export const ACCESS_TOKEN_SIGNING_KEY = 'access-tokens';

/** Longest band name and user display name accepted. */
export const MAX_NAME_LENGTH = 200;

/** Bytes of randomness in an opaque refresh token. */
export const REFRESH_TOKEN_BYTES = 32;

/** Upper bound on members one band may have: keeps member reads and tokens bounded. */
export const MAX_BAND_MEMBERS = 200;

/** Upper bound on the bands one user belongs to: the access token (a header) carries every membership. */
export const MAX_BANDS_PER_USER = MAX_MEMBERSHIPS_PER_IDENTITY;

/** How long outside verifiers may cache the JWKS (`cache-control: max-age`). */
export const JWKS_MAX_AGE_SECONDS = 300;

/** How long a container trusts its list of stored signing keys before reading it again. */
export const SIGNING_KEY_LIST_CACHE_MS = 5 * 60 * 1000;

/**
 * A stored signing key is created (and so published) this long before it starts signing: a JWKS served from
 * a container's cached list, then cached by an outside verifier, shows it before the first token it signs.
 */
export const SIGNING_KEY_LEAD_MS = SIGNING_KEY_LIST_CACHE_MS + JWKS_MAX_AGE_SECONDS * 1000 + 5 * 60 * 1000;
