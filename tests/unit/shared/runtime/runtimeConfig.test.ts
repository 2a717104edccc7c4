import { describe, expect, it } from 'vitest';
import { MissingRuntimeConfigError, runtimeConfig, services } from '../../../../shared/runtime/index.ts';

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
});
