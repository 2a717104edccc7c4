import { describe, expect, it } from 'vitest';
import {
  AUTH_ENV,
  InvalidAuthConfigError,
  readAuthConfig,
} from '../../../../../functions/auth/config/authConfig.ts';
import { functionEnvironment } from '../../../../../shared/platformModel/functionEnvironment.ts';
import { loadPlatformModel } from '../../../../../shared/platformModel/loadPlatformModel.ts';

/** The environment the renderers give an auth function, with each setting at its manifest default. */
const renderedAuthEnvironment = async (): Promise<Record<string, string>> => {
  const model = await loadPlatformModel();
  const fn = model.functions.find((f) => f.module === 'auth');
  if (!fn) throw new Error('the repository has no auth function');
  return functionEnvironment(model, fn, {
    stage: 'dev',
    eventBusName: 'bus',
    serviceCatalogTable: 'catalog',
    tableName: (id) => id,
    configValue: (_name, declared) => declared.default ?? undefined,
  });
};

describe('readAuthConfig', () => {
  it('takes its defaults from the manifest, through the environment the renderers set', async () => {
    const config = readAuthConfig(await renderedAuthEnvironment());
    expect(config).toEqual({
      googleIssuer: 'https://accounts.google.com',
      googleJwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
      tokenIssuer: 'urn:soleil:auth',
      tokenAudience: 'urn:soleil:api',
    });
  });

  it('reads an overridden setting and the optional client id', async () => {
    const env = {
      ...(await renderedAuthEnvironment()),
      [AUTH_ENV.googleIssuer]: 'http://127.0.0.1:9999',
      [AUTH_ENV.googleClientId]: ' abc.apps.googleusercontent.com ',
    };
    expect(readAuthConfig(env)).toMatchObject({
      googleIssuer: 'http://127.0.0.1:9999',
      googleClientId: 'abc.apps.googleusercontent.com',
    });
  });

  it('names a setting the renderer did not set, instead of inventing a default', async () => {
    const { [AUTH_ENV.tokenAudience]: _dropped, ...env } = await renderedAuthEnvironment();
    expect(() => readAuthConfig(env)).toThrow(InvalidAuthConfigError);
    expect(() => readAuthConfig(env)).toThrow(/SOLEIL_AUTH_TOKEN_AUDIENCE is not set/);
  });

  it('names a setting with an unusable value', async () => {
    const env = { ...(await renderedAuthEnvironment()), [AUTH_ENV.googleJwksUrl]: 'ftp://keys' };
    expect(() => readAuthConfig(env)).toThrow(/SOLEIL_AUTH_GOOGLE_JWKS_URL/);
  });
});
