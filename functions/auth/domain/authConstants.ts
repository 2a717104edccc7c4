/** Access tokens are short-lived: a revoked membership stops working within this many seconds. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

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
