import { createHash, randomBytes } from 'node:crypto';
import { REFRESH_TOKEN_BYTES } from '../domain/authConstants.ts';

/** A new opaque refresh token: 256 random bits, base64url. Given to the client once, stored only hashed. */
export const newRefreshToken = (): string => randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');

/**
 * The stored form of a refresh token. A plain SHA-256 is enough: the token has 256 bits of entropy, so
 * there is nothing to brute-force that a slow hash would protect.
 */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');
