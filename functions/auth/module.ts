import { defineModule } from '../../shared/contracts/moduleManifest.ts';
import { userService } from '../../shared/contracts/services/authServices.ts';
import { AUTH_ENV } from './config/authConfig.ts';
import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_SIGNING_KEY } from './domain/authConstants.ts';
import { AUTH_METRICS } from './domain/authMetrics.ts';
import { AUTH_TABLES, MEMBERSHIPS_BY_USER_INDEX } from './store/authTableNames.ts';

const S = 'S' as const;

/** Accounts: Google sign-in, sessions, bands and roles, and the authorizer in front of every edge. */
export default defineModule({
  name: 'auth',
  version: '1.0.0',
  description:
    'Accounts: Google sign-in, sessions (ES256 access tokens, rotating refresh tokens), bands and roles, and the authorizer of the HTTP and WebSocket edges.',
  critical: true,
  publishes: [
    'auth.user_logged_in',
    'auth.user_logged_out',
    'auth.token_refreshed',
    'auth.permission_updated',
    'auth.band_created',
  ],
  subscriptions: [],
  routes: [
    {
      method: 'POST',
      path: '/api/auth/google',
      auth: 'public',
      handler: 'handlers/googleSignIn.handler',
      description: 'Sign in with a Google ID token; returns an access token and a refresh token.',
      // A band's members sign in a few times a day; a flood is someone else (and each one costs a JWKS check).
      throttle: { rateLimit: 10, burstLimit: 20 },
    },
    {
      method: 'POST',
      path: '/api/auth/dev-login',
      auth: 'public',
      localOnly: true,
      handler: 'handlers/devLogin.handler',
      description:
        'Development sign-in (embedded platform only): body {"email": "you@example.com", "name"?, "instruments"?} ' +
        'returns a session like Google sign-in; send its accessToken as "authorization: Bearer <token>".',
      throttle: { rateLimit: 5, burstLimit: 10 },
    },
    {
      method: 'POST',
      path: '/api/auth/refresh',
      auth: 'public',
      handler: 'handlers/refresh.handler',
      description: 'Rotate a refresh token for a new access token; reusing a spent one revokes the session.',
      // Each client refreshes once per access token (15 min): 20/s is ~18,000 active clients; forged tokens
      // beyond that are refused before they cost a lookup.
      throttle: { rateLimit: 20, burstLimit: 40 },
    },
    {
      method: 'POST',
      path: '/api/auth/logout',
      auth: 'public',
      handler: 'handlers/logout.handler',
      description: 'End the session of a refresh token.',
    },
    {
      method: 'GET',
      path: '/.well-known/jwks.json',
      auth: 'public',
      handler: 'handlers/jwks.handler',
      description: 'Public keys of access tokens (current and previous).',
    },
    {
      method: 'GET',
      path: '/api/auth/me',
      auth: 'user',
      handler: 'handlers/getMe.handler',
      description: 'The caller’s profile and memberships.',
    },
    {
      method: 'PUT',
      path: '/api/auth/profile',
      auth: 'user',
      handler: 'handlers/updateProfile.handler',
      description: 'Replace the caller’s name and instruments.',
    },
    {
      method: 'POST',
      path: '/api/auth/bands',
      auth: 'user',
      handler: 'handlers/createBand.handler',
      description: 'Create a band; the creator becomes its leader.',
    },
    {
      method: 'GET',
      path: '/api/auth/bands/{bandId}/members',
      auth: 'user',
      handler: 'handlers/listBandMembers.handler',
      description: 'Members of a band with roles and instruments (members of that band only).',
    },
    {
      method: 'POST',
      path: '/api/auth/bands/{bandId}/invitations',
      auth: 'leader',
      handler: 'handlers/inviteMember.handler',
      description: 'Invite an email into the band with a role; granted at that person’s next sign-in.',
    },
    {
      method: 'PATCH',
      path: '/api/auth/bands/{bandId}/members/{userId}',
      auth: 'leader',
      handler: 'handlers/changeMemberRole.handler',
      description: 'Change a member’s role; the band always keeps a leader.',
    },
    {
      method: 'DELETE',
      path: '/api/auth/bands/{bandId}/members/{userId}',
      auth: 'leader',
      handler: 'handlers/removeMember.handler',
      description: 'Remove a member; the last leader cannot be removed.',
    },
  ],
  services: [{ contract: userService, handler: 'handlers/userService.handler' }],
  health: { handler: 'handlers/health.handler' },
  authorizer: { handler: 'handlers/authorize.handler' },
  tables: [
    // USER#<id> items and EMAIL#<email> items (the email claim makes first sign-in race-free).
    { name: AUTH_TABLES.users, partitionKey: { name: 'pk', type: S } },
    { name: AUTH_TABLES.bands, partitionKey: { name: 'bandId', type: S } },
    {
      name: AUTH_TABLES.memberships,
      partitionKey: { name: 'bandId', type: S },
      sortKey: { name: 'userId', type: S },
      indexes: [
        {
          name: MEMBERSHIPS_BY_USER_INDEX,
          partitionKey: { name: 'userId', type: S },
          sortKey: { name: 'bandId', type: S },
        },
      ],
    },
    {
      name: AUTH_TABLES.invitations,
      partitionKey: { name: 'email', type: S },
      sortKey: { name: 'bandId', type: S },
      ttlAttribute: 'expiresAt',
    },
    { name: AUTH_TABLES.sessions, partitionKey: { name: 'sessionId', type: S }, ttlAttribute: 'expiresAt' },
    {
      name: AUTH_TABLES.refreshTokens,
      partitionKey: { name: 'tokenHash', type: S },
      ttlAttribute: 'expiresAt',
    },
    // No longer written: private keys live in KMS (AWS) or in the embedded platform's key folder, never in a
    // table. Declared on the embedded platform only, where data directories made before still hold it (old keys
    // that nothing trusts any more); never rendered in AWS, where KMS has always held the keys.
    {
      name: AUTH_TABLES.signingKeys,
      partitionKey: { name: 'pk', type: S },
      sortKey: { name: 'kid', type: S },
      localOnly: true,
    },
  ],
  // Every state change commits with its events (table `outbox`, schedule `drainOutbox`: the kit's).
  outbox: true,
  signingKeys: [
    {
      name: ACCESS_TOKEN_SIGNING_KEY,
      algorithm: ACCESS_TOKEN_ALG,
      description: 'Signs access tokens (ES256); the JWKS route publishes its public key.',
    },
  ],
  metrics: [
    {
      name: AUTH_METRICS.authorizerRefusals,
      description:
        'Requests the authorizer refused (no, bad or expired token; not a member; not a leader): expected all day on a public API.',
    },
    {
      name: AUTH_METRICS.authorizerFailures,
      description:
        'Requests the authorizer could not decide (e.g. the signing keys were unreachable) and so refused.',
    },
  ],
  // The outbox's metrics (OutboxPublishFailed, OutboxRepublished) and its alarm (OutboxPublishFailing) come
  // with `outbox: true`.
  alarms: [
    {
      name: 'AuthorizerFailing',
      metric: AUTH_METRICS.authorizerFailures,
      threshold: 1,
      description:
        'The authorizer could not decide, so signed-in users were refused: see its logs (signing keys, KMS, DynamoDB).',
    },
  ],
  config: [
    {
      name: AUTH_ENV.googleIssuer,
      description: 'Issuer of the Google ID tokens accepted (a local OIDC issuer in tests).',
      default: 'https://accounts.google.com',
    },
    {
      name: AUTH_ENV.googleJwksUrl,
      description: 'JWKS URL of that issuer.',
      default: 'https://www.googleapis.com/oauth2/v3/certs',
    },
    {
      name: AUTH_ENV.googleClientId,
      description:
        'The OAuth client id ID tokens must be issued for (their audience); unset disables Google sign-in.',
    },
    {
      name: AUTH_ENV.tokenIssuer,
      description: '`iss` of the access tokens this module signs.',
      default: 'urn:soleil:auth',
    },
    {
      name: AUTH_ENV.tokenAudience,
      description: '`aud` of the access tokens this module signs.',
      default: 'urn:soleil:api',
    },
  ],
});
