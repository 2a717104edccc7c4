import { createHash } from 'node:crypto';

/**
 * The id of the band a create request makes: derived from the creator and the client's `requestId`, so a
 * retried request names the same band and the store's "id not taken" condition turns the retry into a
 * replay instead of a second band. Formatted as a UUID (version nibble 8: custom, RFC 9562).
 */
export const bandIdForRequest = (userId: string, requestId: string): string => {
  const hex = createHash('sha256').update(`band:${userId}:${requestId}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
