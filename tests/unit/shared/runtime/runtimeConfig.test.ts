import { describe, expect, it } from 'vitest';
import {
  InvalidRuntimeConfigError,
  MissingRuntimeConfigError,
  runtimeConfig,
  services,
} from '../../../../shared/runtime/index.ts';

describe('runtimeConfig', () => {
  it('reads the variables the renderers set', () => {
    const env = {
      SOLEIL_MODULE: 'drive',
      SOLEIL_EVENT_BUS_NAME: 'bus',
      SOLEIL_SERVICE_CATALOG_TABLE: 'catalog',
      SOLEIL_TABLE_IDEMPOTENCY: 'drive-idem',
      SOLEIL_TABLE_SYNC_STATE: 'drive-sync',
    };
    expect(runtimeConfig.module(env)).toBe('drive');
    expect(runtimeConfig.eventBusName(env)).toBe('bus');
    expect(runtimeConfig.serviceCatalogTable(env)).toBe('catalog');
    expect(runtimeConfig.idempotencyTable(env)).toBe('drive-idem');
    expect(runtimeConfig.table('sync-state', env)).toBe('drive-sync');
  });

  it('names the missing variable instead of failing later with undefined', () => {
    expect(() => runtimeConfig.eventBusName({})).toThrow(MissingRuntimeConfigError);
    expect(() => runtimeConfig.eventBusName({})).toThrow(/SOLEIL_EVENT_BUS_NAME/);
  });

  it('has no default stage: a missing SOLEIL_STAGE must not pass for the permissive local stage', () => {
    expect(() => runtimeConfig.stage({})).toThrow(/SOLEIL_STAGE/);
    expect(runtimeConfig.stage({ SOLEIL_STAGE: 'prod' })).toBe('prod');
  });

  it('the default services client refuses to start without its environment', async () => {
    const saved = process.env.SOLEIL_MODULE;
    delete process.env.SOLEIL_MODULE;
    try {
      await expect(
        services.call('auth', 'user_service', 'getUser', { userId: 'user-1' }),
      ).rejects.toBeInstanceOf(MissingRuntimeConfigError);
    } finally {
      if (saved !== undefined) process.env.SOLEIL_MODULE = saved;
    }
  });

  it('names a function by its model id, else by its Lambda name', () => {
    expect(
      runtimeConfig.functionName({ SOLEIL_FUNCTION_ID: 'drive-scan', AWS_LAMBDA_FUNCTION_NAME: 'x' }),
    ).toBe('drive-scan');
    expect(runtimeConfig.functionName({ AWS_LAMBDA_FUNCTION_NAME: 'Stack-DriveScan-1A2B' })).toBe(
      'Stack-DriveScan-1A2B',
    );
    expect(runtimeConfig.functionName({})).toBeUndefined();
  });

  it('reads the leader routes, failing closed when they are missing or malformed', () => {
    const routes = '["POST /api/auth/bands/{bandId}/invitations"]';
    expect(runtimeConfig.leaderRoutes({ SOLEIL_LEADER_ROUTES: routes })).toEqual([
      'POST /api/auth/bands/{bandId}/invitations',
    ]);
    expect(() => runtimeConfig.leaderRoutes({})).toThrow(MissingRuntimeConfigError);
    expect(() => runtimeConfig.leaderRoutes({ SOLEIL_LEADER_ROUTES: 'not json' })).toThrow(/not JSON/);
    expect(() => runtimeConfig.leaderRoutes({ SOLEIL_LEADER_ROUTES: '[42]' })).toThrow(
      InvalidRuntimeConfigError,
    );
    expect(() => runtimeConfig.leaderRoutes({ SOLEIL_LEADER_ROUTES: '["/api/x"]' })).toThrow(/METHOD \/path/);
  });

  it('reads signing key ids only where the renderer set them', () => {
    const env = {
      SOLEIL_SIGNING_KEY_ACCESS_TOKENS: 'arn:aws:kms:eu-west-1:1:key/new',
      SOLEIL_SIGNING_KEY_ACCESS_TOKENS_PREVIOUS: ' ',
    };
    expect(runtimeConfig.signingKeyId('access-tokens', env)).toBe('arn:aws:kms:eu-west-1:1:key/new');
    expect(runtimeConfig.previousSigningKeyId('access-tokens', env)).toBeUndefined();
    expect(runtimeConfig.signingKeyId('other', env)).toBeUndefined();
  });

  it('reads module settings: required ones name the missing variable, optional ones may be blank', () => {
    expect(runtimeConfig.setting('SOLEIL_DRIVE_FOLDER', { SOLEIL_DRIVE_FOLDER: '/library' })).toBe(
      '/library',
    );
    expect(() => runtimeConfig.setting('SOLEIL_DRIVE_FOLDER', {})).toThrow(/SOLEIL_DRIVE_FOLDER/);
    expect(runtimeConfig.optionalSetting('SOLEIL_DRIVE_TOKEN', { SOLEIL_DRIVE_TOKEN: '' })).toBeUndefined();
  });

  it('reads the WebSocket management endpoint, naming it when missing', () => {
    const url = 'https://api123.execute-api.eu-west-1.amazonaws.com/live';
    expect(runtimeConfig.managementApiEndpoint({ AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: url })).toBe(url);
    expect(() => runtimeConfig.managementApiEndpoint({})).toThrow(/AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI/);
  });
});
