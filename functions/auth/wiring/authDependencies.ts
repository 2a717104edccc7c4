import { fileURLToPath } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import {
  createLogger,
  createOutbox,
  dependencyContainer,
  runtimeConfig,
} from '../../../shared/runtime/index.ts';
import { storageClient } from '../../../shared/runtime/storage/storageClient.ts';
import { type AuthConfig, readAuthConfig } from '../config/authConfig.ts';
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
import { DynamoDbSessionStore } from '../store/DynamoDbSessionStore.ts';
import { DynamoDbUserStore } from '../store/DynamoDbUserStore.ts';
import { FileSigningKeyStore } from '../store/FileSigningKeyStore.ts';
import type { AuthDependencies } from '../useCases/AuthDependencies.ts';

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

/** What the container holds beyond what the use cases see. */
interface AuthWiring extends AuthDependencies {
  readonly client: DynamoDBClient;
  readonly config: AuthConfig;
}

/**
 * The auth module's dependencies, each built on first use from the environment (table names from the
 * platform, `SOLEIL_AUTH_*` configuration) and kept for the container's life; `authDependencies.reset()`
 * forgets them (tests that change the environment). Nothing secret is read here: the signing key stays in
 * KMS (AWS) or in its key folder (locally), read when the first token is signed.
 */
export const authDependencies = dependencyContainer<AuthWiring>({
  client: () => storageClient(),
  config: () => readAuthConfig(),
  users: (d) => new DynamoDbUserStore(d.client, runtimeConfig.table(AUTH_TABLES.users)),
  bands: (d) =>
    new DynamoDbBandStore(d.client, {
      bands: runtimeConfig.table(AUTH_TABLES.bands),
      memberships: runtimeConfig.table(AUTH_TABLES.memberships),
      users: runtimeConfig.table(AUTH_TABLES.users),
      outbox: runtimeConfig.outboxTable(),
    }),
  invitations: (d) => new DynamoDbInvitationStore(d.client, runtimeConfig.table(AUTH_TABLES.invitations)),
  sessions: (d) =>
    new DynamoDbSessionStore(d.client, {
      sessions: runtimeConfig.table(AUTH_TABLES.sessions),
      refreshTokens: runtimeConfig.table(AUTH_TABLES.refreshTokens),
      outbox: runtimeConfig.outboxTable(),
    }),
  keys: () => signingKeyProviderFor(process.env),
  tokens: (d) =>
    new AccessTokenIssuer(d.keys, { issuer: d.config.tokenIssuer, audience: d.config.tokenAudience }),
  verifier: (d) =>
    new AccessTokenVerifier(d.keys, { issuer: d.config.tokenIssuer, audience: d.config.tokenAudience }),
  google: (d) =>
    d.config.googleClientId
      ? new GoogleIdTokenVerifier({
          issuer: d.config.googleIssuer,
          jwksUrl: d.config.googleJwksUrl,
          clientId: d.config.googleClientId,
        })
      : null,
  outbox: (d) => createOutbox({ module: 'auth', client: d.client, logger: d.logger, now: d.now }),
  logger: () => createLogger('auth'),
  now: () => () => new Date(),
});
