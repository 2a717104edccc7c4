import * as z from 'zod';
import { MissingRuntimeConfigError, runtimeConfig } from '../../../shared/runtime/runtimeConfig.ts';

/**
 * The auth module's settings (its manifest's `config`): the names are spelled here once, their descriptions and
 * defaults live in the manifest only, and the renderers set the default wherever nothing overrides it.
 */
export const AUTH_ENV = {
  googleIssuer: 'SOLEIL_AUTH_GOOGLE_ISSUER',
  googleJwksUrl: 'SOLEIL_AUTH_GOOGLE_JWKS_URL',
  googleClientId: 'SOLEIL_AUTH_GOOGLE_CLIENT_ID',
  tokenIssuer: 'SOLEIL_AUTH_TOKEN_ISSUER',
  tokenAudience: 'SOLEIL_AUTH_TOKEN_AUDIENCE',
} as const;

const ConfigSchema = z.object({
  googleIssuer: z.string().min(1),
  googleJwksUrl: z.url({ protocol: /^https?$/ }),
  /** Unset: Google sign-in answers 503 (the embedded platform signs in with dev-login). */
  googleClientId: z.string().min(1).optional(),
  tokenIssuer: z.string().min(1),
  tokenAudience: z.string().min(1),
});

/** The auth module's configuration. */
export type AuthConfig = z.infer<typeof ConfigSchema>;

/** Thrown when an auth setting is missing or unusable; the message names the variable. */
export class InvalidAuthConfigError extends Error {
  override readonly name = 'InvalidAuthConfigError';
}

const settingOf = (name: string, env: NodeJS.ProcessEnv): string => {
  try {
    return runtimeConfig.setting(name, env);
  } catch (error) {
    if (error instanceof MissingRuntimeConfigError) {
      throw new InvalidAuthConfigError(
        `Invalid auth configuration: ${name} is not set; the platform sets it from the manifest's default.`,
      );
    }
    throw error;
  }
};

/**
 * Reads the configuration from the environment. Issuer and JWKS URL of the identity provider are settings so
 * that tests point them at a local OIDC issuer.
 *
 * @example readAuthConfig(functionEnvironment(model, fn, resolver))
 */
export const readAuthConfig = (env: NodeJS.ProcessEnv = process.env): AuthConfig => {
  const parsed = ConfigSchema.safeParse({
    googleIssuer: settingOf(AUTH_ENV.googleIssuer, env),
    googleJwksUrl: settingOf(AUTH_ENV.googleJwksUrl, env),
    googleClientId: runtimeConfig.optionalSetting(AUTH_ENV.googleClientId, env),
    tokenIssuer: settingOf(AUTH_ENV.tokenIssuer, env),
    tokenAudience: settingOf(AUTH_ENV.tokenAudience, env),
  });
  if (!parsed.success) {
    const keys = Object.keys(AUTH_ENV) as (keyof typeof AUTH_ENV)[];
    const named = parsed.error.issues.map((i) => {
      const key = keys.find((k) => k === i.path[0]);
      return `${key ? AUTH_ENV[key] : String(i.path[0])}: ${i.message}`;
    });
    throw new InvalidAuthConfigError(`Invalid auth configuration: ${named.join('; ')}`);
  }
  return parsed.data;
};
