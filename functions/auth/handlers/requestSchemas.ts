import * as z from 'zod';
import { Role } from '../../../shared/contracts/bandVocabulary.ts';
import { BandId, Email, UserId } from '../../../shared/contracts/identifiers.ts';
import { DisplayName, InstrumentList } from '../domain/profile.ts';

/** Request bodies and path parameters of the auth routes: anything else is a 400. */
export const GoogleSignInBody = z.object({ idToken: z.string().min(1).max(8192) }).strict();

export const DevLoginBody = z
  .object({ email: Email, name: DisplayName.optional(), instruments: InstrumentList.optional() })
  .strict();

/** Our refresh tokens are 43 base64url characters; a little slack, no more. */
export const RefreshTokenBody = z
  .object({
    refreshToken: z
      .string()
      .min(16)
      .max(128)
      .regex(/^[A-Za-z0-9_-]+$/),
  })
  .strict();

/** `requestId`: the client's idempotency key for this create (a retry with it gets the same band). */
export const CreateBandBody = z.object({ name: DisplayName, requestId: z.uuid().optional() }).strict();

export const InvitationBody = z.object({ email: Email, role: Role }).strict();

export const RoleChangeBody = z.object({ role: Role }).strict();

export const BandPath = z.object({ bandId: BandId });

export const MemberPath = z.object({ bandId: BandId, userId: UserId });
