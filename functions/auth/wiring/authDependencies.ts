import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createPublisher, runtimeConfig } from '../../../shared/runtime/index.ts';
import { readAuthConfig } from '../config/authConfig.ts';
import { AccessTokenIssuer } from '../crypto/AccessTokenIssuer.ts';
import { AccessTokenVerifier } from '../crypto/AccessTokenVerifier.ts';
import { GoogleIdTokenVerifier } from '../crypto/GoogleIdTokenVerifier.ts';
import { StoredSigningKeyProvider } from '../crypto/StoredSigningKeyProvider.ts';
import { AUTH_TABLES } from '../store/authTableNames.ts';
import { DynamoDbBandStore } from '../store/DynamoDbBandStore.ts';
import { DynamoDbInvitationStore } from '../store/DynamoDbInvitationStore.ts';
import { DynamoDbSessionStore } from '../store/DynamoDbSessionStore.ts';
import { DynamoDbSigningKeyStore } from '../store/DynamoDbSigningKeyStore.ts';
import { DynamoDbUserStore } from '../store/DynamoDbUserStore.ts';
import type { AuthDependencies } from '../useCases/AuthDependencies.ts';

let cached: AuthDependencies | undefined;

/**
 * The auth module's dependencies, built once per container from the environment (table names from the
 * platform, `SOLEIL_AUTH_*` configuration). Nothing secret is read here: the signing key lives in the store.
 */
export const authDependencies = (): AuthDependencies => {
  if (cached) return cached;
  const config = readAuthConfig();
  const client = new DynamoDBClient({});
  const keys = new StoredSigningKeyProvider(
    new DynamoDbSigningKeyStore(client, runtimeConfig.table(AUTH_TABLES.signingKeys)),
  );
  const tokenOptions = { issuer: config.tokenIssuer, audience: config.tokenAudience };
  cached = {
    users: new DynamoDbUserStore(client, runtimeConfig.table(AUTH_TABLES.users)),
    bands: new DynamoDbBandStore(client, {
      bands: runtimeConfig.table(AUTH_TABLES.bands),
      memberships: runtimeConfig.table(AUTH_TABLES.memberships),
    }),
    invitations: new DynamoDbInvitationStore(client, runtimeConfig.table(AUTH_TABLES.invitations)),
    sessions: new DynamoDbSessionStore(client, {
      sessions: runtimeConfig.table(AUTH_TABLES.sessions),
      refreshTokens: runtimeConfig.table(AUTH_TABLES.refreshTokens),
    }),
    keys,
    tokens: new AccessTokenIssuer(keys, tokenOptions),
    verifier: new AccessTokenVerifier(keys, tokenOptions),
    google: config.googleClientId
      ? new GoogleIdTokenVerifier({
          issuer: config.googleIssuer,
          jwksUrl: config.googleJwksUrl,
          clientId: config.googleClientId,
        })
      : null,
    publisher: createPublisher({ module: 'auth' }),
    now: () => new Date(),
  };
  return cached;
};

/** Forgets the container's dependencies, so a test can change the environment between cases. */
export const resetAuthDependencies = (): void => {
  cached = undefined;
};
