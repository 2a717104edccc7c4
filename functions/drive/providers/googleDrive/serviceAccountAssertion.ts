import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { InvalidServiceAccountKeyError } from './driveErrors.ts';
import type { ServiceAccountKey } from './serviceAccountKey.ts';

/** Google accepts assertions valid for at most an hour. */
export const ASSERTION_LIFETIME_S = 3600;

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * Reads the key's PKCS#8 PEM as an RSA private key. node:crypto rather than jose: the drive's bundles carry
 * no JOSE library for one RS256 signature (the 250 KB budget).
 */
export const serviceAccountSigningKey = (key: ServiceAccountKey): KeyObject => {
  try {
    const signingKey = createPrivateKey({ key: key.privateKeyPem, format: 'pem' });
    if (signingKey.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return signingKey;
  } catch {
    throw new InvalidServiceAccountKeyError('The service-account private key is not an RSA PKCS#8 key');
  }
};

/** The RS256 JWT assertion of the OAuth 2.0 JWT bearer grant (RFC 7523) for a service account. */
export const serviceAccountAssertion = (
  key: ServiceAccountKey,
  signingKey: KeyObject,
  scope: string,
  issuedAt: number,
): string => {
  const header = {
    alg: 'RS256',
    typ: 'JWT',
    ...(key.privateKeyId === undefined ? {} : { kid: key.privateKeyId }),
  };
  const claims = {
    scope,
    iss: key.clientEmail,
    aud: key.tokenUri,
    iat: issuedAt,
    exp: issuedAt + ASSERTION_LIFETIME_S,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), signingKey).toString('base64url')}`;
};
