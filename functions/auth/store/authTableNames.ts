/** The auth module's tables, by manifest name. Their physical names arrive in `tableEnvVar(name)`. */
export const AUTH_TABLES = {
  users: 'users',
  bands: 'bands',
  memberships: 'memberships',
  invitations: 'invitations',
  sessions: 'sessions',
  refreshTokens: 'refresh-tokens',
  signingKeys: 'signing-keys',
} as const;

/** Name of the index of memberships by user: one query lists a user's bands. */
export const MEMBERSHIPS_BY_USER_INDEX = 'byUser';
