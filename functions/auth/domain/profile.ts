import * as z from 'zod';
import { Instrument } from '../../../shared/contracts/bandVocabulary.ts';
import { oneLineText } from '../../../shared/contracts/typedText.ts';
import { MAX_NAME_LENGTH } from './authConstants.ts';

/**
 * A display name (of a user or a band): trimmed, not blank, no control characters and no bidirectional
 * formatting characters (U+202E and kin), which would make a name display as something else ("Ana‮exe.gnp"
 * shows as "Anapng.exe") in every member list. Right-to-left scripts themselves are fine.
 */
export const DisplayName = oneLineText(MAX_NAME_LENGTH);

/** The instruments a user plays: from the DOMAIN list, each at most once. */
export const InstrumentList = z
  .array(Instrument)
  .max(Instrument.options.length)
  .refine((list) => new Set(list).size === list.length, 'must not list an instrument twice');

/** `PUT /api/auth/profile`: the whole editable profile. */
export const ProfileUpdate = z.object({ name: DisplayName, instruments: InstrumentList }).strict();
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;

/** The name to show for a new user: the one the identity provider gave, or the email's local part. */
export const initialDisplayName = (email: string, providedName: string | undefined): string => {
  const parsed = DisplayName.safeParse(providedName ?? '');
  if (parsed.success) return parsed.data;
  return email.split('@')[0]?.slice(0, MAX_NAME_LENGTH) || email.slice(0, MAX_NAME_LENGTH);
};
