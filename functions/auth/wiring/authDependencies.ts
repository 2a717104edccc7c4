import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { previousSigningKeyEnvVar, signingKeyEnvVar } from '../../../shared/platformModel/modelConstants.ts';
import {
  createLogger,
  createMetrics,
  createPublisher,
  runtimeConfig,
} from '../../../shared/runtime/index.ts';
import { readAuthConfig } from '../config/authConfig.ts';
import { AccessTokenIssuer } from '../crypto/AccessTokenIssuer.ts';
import { AccessTokenVerifier } from '../crypto/AccessTokenVerifier.ts';
import { GoogleIdTokenVerifier } from '../crypto/GoogleIdTokenVerifier.ts';
import { KmsSigningKeyProvider } from '../crypto/KmsSigningKeyProvider.ts';
import type { SigningKeyProvider } from '../crypto/SigningKeyProvider.ts';
import { StoredSigningKeyProvider } from '../crypto/StoredSigningKeyProvider.ts';
import { ACCESS_TOKEN_SIGNING_KEY } from '../domain/authConstants.ts';
import { AUTH_TABLES } from '../store/authTableNames.ts';
import { DynamoDbBandStore } from '../store/DynamoDbBandStore.ts';
import { DynamoDbInvitationStore } from '../store/DynamoDbInvitationStore.ts';
import { DynamoDbOutboxStore } from '../store/DynamoDbOutboxStore.ts';
import { DynamoDbSessionStore } from '../store/DynamoDbSessionStore.ts';
import { DynamoDbSigningKeyStore } from '../store/DynamoDbSigningKeyStore.ts';
import { DynamoDbUserStore } from '../store/DynamoDbUserStore.ts';
import type { AuthDependencies } from '../useCases/AuthDependencies.ts';

let cached: AuthDependencies | undefined;

/**
 * Where access tokens are signed: with the module's KMS key when the platform provides one (AWS sets
 * `SOLEIL_SIGNING_KEY_ACCESS_TOKENS` to its ARN, and `..._PREVIOUS` to the key of the previous generation
 * after a rotation), else with a key pair kept in the `signing-keys` table (the embedded platform, whose
 * tables live in its data directory).
 */
const signingKeyProviderFor = (
  env: NodeJS.ProcessEnv,
  dynamoDb: DynamoDBClient,
): SigningKeyProvider & { invalidate?(): void } => {
  const keyArn = env[signingKeyEnvVar(ACCESS_TOKEN_SIGNING_KEY)]?.trim();
  const previousKeyArn = env[previousSigningKeyEnvVar(ACCESS_TOKEN_SIGNING_KEY)]?.trim();
  if (keyArn) {
    return new KmsSigningKeyProvider(new KMSClient({}), {
      keyArn,
      ...(previousKeyArn ? { previousKeyArns: [previousKeyArn] } : {}),
    });
  }
  return new StoredSigningKeyProvider(
    new DynamoDbSigningKeyStore(dynamoDb, runtimeConfig.table(AUTH_TABLES.signingKeys, env)),
  );
};

/**
 * The auth module's dependencies, built once per container from the environment (table names from the
 * platform, `SOLEIL_AUTH_*` configuration). Nothing secret is read here: the signing key stays in KMS (AWS)
 * or in the store (locally).
 */
export const authDependencies = (): AuthDependencies => {
  if (cached) return cached;
  const config = readAuthConfig();
  const client = new DynamoDBClient({});
  const keys = signingKeyProviderFor(process.env, client);
  const tokenOptions = { issuer: config.tokenIssuer, audience: config.tokenAudience };
  const outbox = runtimeConfig.table(AUTH_TABLES.outbox);
  const users = runtimeConfig.table(AUTH_TABLES.users);
  cached = {
    users: new DynamoDbUserStore(client, users),
    bands: new DynamoDbBandStore(client, {
      bands: runtimeConfig.table(AUTH_TABLES.bands),
      memberships: runtimeConfig.table(AUTH_TABLES.memberships),
      users,
      outbox,
    }),
    invitations: new DynamoDbInvitationStore(client, runtimeConfig.table(AUTH_TABLES.invitations)),
    sessions: new DynamoDbSessionStore(client, {
      sessions: runtimeConfig.table(AUTH_TABLES.sessions),
      refreshTokens: runtimeConfig.table(AUTH_TABLES.refreshTokens),
      outbox,
    }),
    outbox: new DynamoDbOutboxStore(client, outbox),
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
    logger: createLogger('auth'),
    metrics: createMetrics('auth'),
    now: () => new Date(),
  };
  return cached;
};

/** Forgets the container's dependencies, so a test can change the environment between cases. */
export const resetAuthDependencies = (): void => {
  cached = undefined;
};
