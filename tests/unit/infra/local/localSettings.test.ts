import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { InvalidLocalSettingError, readLocalSettings } from '../../../../infra/local/localSettings.ts';
import { startPlatform } from '../../../../infra/local/startPlatform.ts';

describe('readLocalSettings', () => {
  it('defaults to 3000, 3001, 4010, 8000 and .soleil/', () => {
    expect(readLocalSettings({}, '/repo')).toEqual({
      ports: { http: 3000, ws: 3001, aws: 4010, dynamodb: 8000 },
      dataDir: '/repo/.soleil',
      archiveRetentionDays: 7,
    });
  });

  it('reads the archive retention in days and refuses one that is not a positive number', () => {
    expect(readLocalSettings({ SOLEIL_ARCHIVE_RETENTION_DAYS: '0.5' }).archiveRetentionDays).toBe(0.5);
    expect(() => readLocalSettings({ SOLEIL_ARCHIVE_RETENTION_DAYS: '0' })).toThrow(
      /SOLEIL_ARCHIVE_RETENTION_DAYS=0/,
    );
  });

  it('reads SOLEIL_* variables and names the variable of a bad value', () => {
    const env = {
      SOLEIL_HTTP_PORT: '8080',
      SOLEIL_DATA_DIR: '/data/soleil',
      SOLEIL_AWS_PORT: '0',
      SOLEIL_FUNCTIONS_DIR: 'other/functions',
    };
    expect(readLocalSettings(env, '/repo')).toMatchObject({
      ports: { http: 8080, aws: 0 },
      dataDir: '/data/soleil',
      functionsDir: '/repo/other/functions',
    });
    expect(() => readLocalSettings({ SOLEIL_WS_PORT: 'abc' })).toThrow(InvalidLocalSettingError);
    expect(() => readLocalSettings({ SOLEIL_WS_PORT: 'abc' })).toThrow(/SOLEIL_WS_PORT=abc/);
  });
});

describe('startPlatform', () => {
  it('refuses a port in use with an error naming its variable, before starting anything', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(
        startPlatform({ ports: { http: 0, ws: 0, aws: port, dynamodb: 0 }, dataDir: null }),
      ).rejects.toThrow(new RegExp(`Port ${port} is already in use: set SOLEIL_AWS_PORT`));
    } finally {
      blocker.close();
    }
  });
});
