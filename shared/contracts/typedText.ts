import * as z from 'zod';

// Control characters, and the bidirectional formatting ones (U+202E and kin) that make a text display as
// something else ("Ana‮exe.gnp" shows as "Anapng.exe") wherever other people read it. Right-to-left scripts
// themselves are fine.
const ONE_LINE = /^[^\p{Cc}\p{Bidi_Control}]*$/u;
// The same, with line breaks and tabs allowed.
const LINES = /^(?:[^\p{Cc}\p{Bidi_Control}]|[\t\n\r])*$/u;

/**
 * Text a person typed for others to read on one line (a name, a venue): trimmed, not blank, at most `max`
 * characters, without control or bidirectional formatting characters.
 */
export const oneLineText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max)
    .regex(ONE_LINE, 'must not contain control or bidirectional formatting characters');

/** Like {@link oneLineText}, over several lines (notes): line breaks and tabs are allowed. */
export const multiLineText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max)
    .regex(
      LINES,
      'must not contain control characters other than line breaks, or bidirectional formatting characters',
    );
