import * as z from 'zod';

/** Environment variables the auth module reads beyond the platform's own. */
export const AUTH_ENV = {
  googleIssuer: 'SOLEIL_AUTH_GOOGLE_ISSUER',
  googleJwksUrl: 'SOLEIL_AUTH_GOOGLE_JWKS_URL',
  googleClientId: 'SOLEIL_AUTH_GOOGLE_CLIENT_ID',
  tokenIssuer: 'SOLEIL_AUTH_TOKEN_ISSUER',
  tokenAudience: 'SOLEIL_AUTH_TOKEN_AUDIENCE',
} as const;

const GOOGLE_ISSUER = 'https://accounts.google.com';
const GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';

const nonEmpty = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value.trim() : undefined;

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

/** Thrown when an auth environment variable holds an unusable value; the message names the variable. */
export class InvalidAuthConfigError extends Error {
  override readonly name = 'InvalidAuthConfigError';
}

/**
 * Reads the configuration from the environment. Issuer and JWKS URL of the identity provider are
 * configurable so that tests point them at a local OIDC issuer.
 *
 * @example readAuthConfig({ SOLEIL_AUTH_GOOGLE_CLIENT_ID: 'abc.apps.googleusercontent.com' })
 */
export const readAuthConfig = (env: NodeJS.ProcessEnv = process.env): AuthConfig => {
  const parsed = ConfigSchema.safeParse({
    googleIssuer: nonEmpty(env[AUTH_ENV.googleIssuer]) ?? GOOGLE_ISSUER,
    googleJwksUrl: nonEmpty(env[AUTH_ENV.googleJwksUrl]) ?? GOOGLE_JWKS_URL,
    googleClientId: nonEmpty(env[AUTH_ENV.googleClientId]),
    tokenIssuer: nonEmpty(env[AUTH_ENV.tokenIssuer]) ?? 'urn:soleil:auth',
    tokenAudience: nonEmpty(env[AUTH_ENV.tokenAudience]) ?? 'urn:soleil:api',
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
