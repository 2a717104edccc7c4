import { describe, expect, it } from 'vitest';
import { eventContracts } from '../../../../shared/contracts/eventCatalog.ts';
import { buildPlatformModel } from '../../../../shared/platformModel/buildPlatformModel.ts';
import { functionEnvironment } from '../../../../shared/platformModel/functionEnvironment.ts';
import { authorizerParts, fixtureManifest } from '../../../helpers/manifestFixtures.ts';

const model = buildPlatformModel(
  [
    fixtureManifest('drive', {
      publishes: ['drive.file_added'],
      tables: [{ name: 'files', partitionKey: { name: 'pk', type: 'S' } }],
      config: [
        { name: 'SOLEIL_DRIVE_FOLDER', description: 'Library folder', localDefault: '.soleil/library' },
        { name: 'SOLEIL_DRIVE_POLL', description: 'Poll', default: '60' },
      ],
    }),
    fixtureManifest('auth', {
      ...authorizerParts(),
      tables: [{ name: 'users', partitionKey: { name: 'pk', type: 'S' } }],
      signingKeys: [{ name: 'access-tokens', algorithm: 'ES256', description: 'Signs access tokens' }],
      routes: [
        {
          method: 'POST',
          path: '/api/auth/bands/{bandId}/invitations',
          auth: 'leader',
          handler: 'handlers/invite.handler',
          description: 'Invite',
        },
        {
          method: 'POST',
          path: '/api/auth/dev/bands/{bandId}/reset',
          auth: 'leader',
          handler: 'handlers/devReset.handler',
          description: 'Dev reset',
          localOnly: true,
        },
        {
          method: 'GET',
          path: '/api/auth/me',
          auth: 'user',
          handler: 'handlers/me.handler',
          description: 'Me',
        },
      ],
    }),
  ],
  { eventContracts },
);

const resolver = {
  stage: 'dev',
  eventBusName: 'bus',
  serviceCatalogTable: 'catalog',
  tableName: (id: string) => `soleil-${id}`,
  configValue: (_name: string, d: { default: string | null; localDefault: string | null }) =>
    d.localDefault ?? d.default ?? undefined,
};
const fn = (id: string) => {
  const found = model.functions.find((f) => f.id === id);
  if (!found) throw new Error(`no function ${id}`);
  return found;
};

describe('functionEnvironment', () => {
  it('gives a function its own module’s tables and settings and nothing of other modules', () => {
    const env = functionEnvironment(model, fn('drive-health'), resolver);
    expect(env).toEqual({
      SOLEIL_MODULE: 'drive',
      SOLEIL_FUNCTION_ID: 'drive-health',
      SOLEIL_STAGE: 'dev',
      SOLEIL_EVENT_BUS_NAME: 'bus',
      SOLEIL_SERVICE_CATALOG_TABLE: 'catalog',
      POWERTOOLS_SERVICE_NAME: 'drive',
      POWERTOOLS_METRICS_NAMESPACE: 'SOLEil',
      SOLEIL_TABLE_FILES: 'soleil-drive-files',
      SOLEIL_DRIVE_FOLDER: '.soleil/library',
      SOLEIL_DRIVE_POLL: '60',
    });
  });

  it('tells the authorizer which routes need the leader role', () => {
    const env = functionEnvironment(model, fn('auth-authorize'), resolver);
    expect(JSON.parse(env.SOLEIL_LEADER_ROUTES ?? '[]')).toEqual([
      'POST /api/auth/bands/{bandId}/invitations',
      'POST /api/auth/dev/bands/{bandId}/reset',
    ]);
    // A renderer that does not serve localOnly routes (AWS) does not list them.
    const aws = functionEnvironment(model, fn('auth-authorize'), {
      ...resolver,
      servesLocalOnlyRoutes: false,
    });
    expect(JSON.parse(aws.SOLEIL_LEADER_ROUTES ?? '[]')).toEqual([
      'POST /api/auth/bands/{bandId}/invitations',
    ]);
    expect(env.SOLEIL_TABLE_USERS).toBe('soleil-auth-users');
    expect(functionEnvironment(model, fn('auth-me'), resolver).SOLEIL_LEADER_ROUTES).toBeUndefined();
  });

  it('gives a module’s functions its signing key id only when the renderer has one, and other modules none', () => {
    const withKeys = { ...resolver, signingKeyId: (id: string) => `arn:aws:kms:eu-west-1:1:key/${id}` };
    for (const id of ['auth-me', 'auth-authorize', 'auth-health']) {
      expect(functionEnvironment(model, fn(id), withKeys).SOLEIL_SIGNING_KEY_ACCESS_TOKENS).toBe(
        'arn:aws:kms:eu-west-1:1:key/auth-access-tokens',
      );
      expect(functionEnvironment(model, fn(id), resolver)).not.toHaveProperty(
        'SOLEIL_SIGNING_KEY_ACCESS_TOKENS',
      );
    }
    expect(
      Object.keys(functionEnvironment(model, fn('drive-health'), withKeys)).filter((k) =>
        k.startsWith('SOLEIL_SIGNING_KEY_'),
      ),
    ).toEqual([]);
    const rotated = {
      ...withKeys,
      previousSigningKeyId: (id: string) => `arn:aws:kms:eu-west-1:1:key/${id}-g1`,
    };
    expect(functionEnvironment(model, fn('auth-me'), rotated)).toMatchObject({
      SOLEIL_SIGNING_KEY_ACCESS_TOKENS: 'arn:aws:kms:eu-west-1:1:key/auth-access-tokens',
      SOLEIL_SIGNING_KEY_ACCESS_TOKENS_PREVIOUS: 'arn:aws:kms:eu-west-1:1:key/auth-access-tokens-g1',
    });
    expect(functionEnvironment(model, fn('drive-health'), rotated)).not.toHaveProperty(
      'SOLEIL_SIGNING_KEY_ACCESS_TOKENS_PREVIOUS',
    );
    const noValue = { ...resolver, signingKeyId: () => undefined };
    expect(functionEnvironment(model, fn('auth-me'), noValue)).not.toHaveProperty(
      'SOLEIL_SIGNING_KEY_ACCESS_TOKENS',
    );
  });
});
