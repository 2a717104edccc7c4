import { describe, expect, it } from 'vitest';
import { eventContracts } from '../../../../../shared/contracts/eventCatalog.ts';
import { buildPlatformModel } from '../../../../../shared/platformModel/buildPlatformModel.ts';
import { catalogEntriesFromModel } from '../../../../../shared/runtime/catalog/catalogEntriesFromModel.ts';
import { fixtureManifest, fixtureService } from '../../../../helpers/manifestFixtures.ts';

const model = buildPlatformModel(
  [
    fixtureManifest('auth', {
      routes: [
        {
          method: 'GET',
          path: '/api/auth/me',
          auth: 'user',
          handler: 'handlers/me.handler',
          description: 'Me',
        },
        {
          method: 'POST',
          path: '/api/auth/dev-login',
          auth: 'public',
          localOnly: true,
          handler: 'handlers/dev.handler',
          description: 'Dev',
        },
      ],
      services: [{ contract: fixtureService('auth', 'user_service'), handler: 'handlers/users.handler' }],
    }),
  ],
  { eventContracts },
);

describe('catalogEntriesFromModel', () => {
  it('lists what is deployed, with function names from the renderer and health unknown', () => {
    const { modules, services } = catalogEntriesFromModel(model, (id) => `arn:fn:${id}`);
    expect(modules).toEqual([
      expect.objectContaining({
        name: 'auth',
        routes: [{ method: 'GET', path: '/api/auth/me', auth: 'user' }],
        services: ['user_service'],
        healthFunction: 'arn:fn:auth-health',
        status: 'unknown',
      }),
    ]);
    expect(services).toEqual([
      {
        module: 'auth',
        name: 'user_service',
        version: 1,
        operations: ['echo'],
        functionName: 'arn:fn:auth-users',
      },
    ]);
  });
});
