import { CORS_ALLOWED } from '../../../shared/platformModel/corsAllowed.ts';

/** Who may call the local API from a browser. */
export type CorsAllowOrigins = '*' | 'localhost' | readonly string[];

const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * CORS headers for a request's `Origin`, or none when that origin is not allowed. `localhost` (the
 * default) allows any local front end (localhost, 127.0.0.1, [::1], any port) and answers `*`; a list
 * allows exactly those origins and echoes the one that matched.
 */
export const corsHeaders = (
  allow: CorsAllowOrigins,
  origin: string | undefined,
  preflight: boolean,
): [string, string][] => {
  if (origin === undefined) return [];
  let allowOrigin: string | undefined;
  if (allow === '*') allowOrigin = '*';
  else if (allow === 'localhost') allowOrigin = LOCALHOST_ORIGIN.test(origin) ? '*' : undefined;
  else allowOrigin = allow.includes(origin) ? origin : undefined;
  if (allowOrigin === undefined) return [];
  const headers: [string, string][] = [['access-control-allow-origin', allowOrigin]];
  if (allowOrigin !== '*') headers.push(['vary', 'Origin']);
  if (preflight) {
    headers.push(
      ['access-control-allow-methods', CORS_ALLOWED.methods.join(',')],
      ['access-control-allow-headers', CORS_ALLOWED.headers.join(',')],
      ['access-control-max-age', String(CORS_ALLOWED.maxAgeSeconds)],
    );
  } else {
    headers.push(['access-control-expose-headers', CORS_ALLOWED.exposeHeaders.join(',')]);
  }
  return headers;
};
