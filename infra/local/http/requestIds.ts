import { randomBytes } from 'node:crypto';

/** An API Gateway style request id (`apigw-requestid`): 16 base64 characters, e.g. `JKJaXmPLvHcESHA=`. */
export const newRequestId = (): string => randomBytes(12).toString('base64').slice(0, 15).concat('=');

/** An X-Ray trace header value as API Gateway adds it to requests. */
export const newTraceId = (now: Date): string =>
  `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time` format (CLF): `12/Mar/2020:19:03:58 +0000`. */
export const formatRequestTime = (now: Date): string => {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(now.getUTCDate())}/${MONTHS[now.getUTCMonth()]}/${now.getUTCFullYear()}:${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())} +0000`;
};

/**
 * A WebSocket connection id shaped like API Gateway's (`L0SM9cOFvHcCIhw=`), drawn from the URL-safe
 * alphabet so it never holds a `/` that would split an `@connections/{id}` path.
 */
export const newConnectionId = (): string => randomBytes(12).toString('base64url').slice(0, 15).concat('=');
