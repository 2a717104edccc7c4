import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
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
import { DynamoDbUserStore } from '../store/DynamoDbUserStore.ts';
import { FileSigningKeyStore } from '../store/FileSigningKeyStore.ts';
import type { AuthDependencies } from '../useCases/AuthDependencies.ts';

let cached: AuthDependencies | undefined;

/** The platform told auth nowhere to sign: no KMS key (AWS) and no key folder (the embedded platform). */
export class MissingSigningKeyError extends Error {
  override readonly name = 'MissingSigningKeyError';
}

/**
 * Where access tokens are signed, as the platform says in `SOLEIL_SIGNING_KEY_ACCESS_TOKENS`: a KMS key ARN
 * in AWS (and `..._PREVIOUS`, the key of the previous generation after a rotation), or locally a `file:` URL
 * of the folder where the embedded platform keeps the key pairs (one file each, readable only by the user
 * running it). Private keys are never kept in a table, which any DynamoDB client could scan.
 */
const signingKeyProviderFor = (env: NodeJS.ProcessEnv): SigningKeyProvider & { invalidate?(): void } => {
  const keyId = runtimeConfig.signingKeyId(ACCESS_TOKEN_SIGNING_KEY, env);
  const previousKeyArn = runtimeConfig.previousSigningKeyId(ACCESS_TOKEN_SIGNING_KEY, env);
  if (keyId?.startsWith('file:')) {
    return new StoredSigningKeyProvider(new FileSigningKeyStore(fileURLToPath(keyId)));
  }
  if (keyId) {
    return new KmsSigningKeyProvider(new KMSClient({}), {
      keyArn: keyId,
      ...(previousKeyArn ? { previousKeyArns: [previousKeyArn] } : {}),
    });
  }
  throw new MissingSigningKeyError(
    `No id is set for signing key "${ACCESS_TOKEN_SIGNING_KEY}": the platform gives auth a KMS key ARN (AWS) ` +
      'or a file: URL of a key folder (locally).',
  );
};

/**
 * The auth module's dependencies, built once per container from the environment (table names from the
 * platform, `SOLEIL_AUTH_*` configuration). Nothing secret is read here: the signing key stays in KMS (AWS)
 * or in its key folder (locally), read when the first token is signed.
 */
export const authDependencies = (): AuthDependencies => {
  if (cached) return cached;
  const config = readAuthConfig();
  const client = new DynamoDBClient({});
  const keys = signingKeyProviderFor(process.env);
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
