/**
 * Emails are compared case-insensitively: Google reports the case a user typed, and an invitation may be
 * written in another case.
 *
 * @example normalizeEmail(' Ana@Example.COM ') // 'ana@example.com'
 */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
