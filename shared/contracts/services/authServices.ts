import * as z from 'zod';
import { Instrument, Role } from '../bandVocabulary.ts';
import { defineService } from '../defineService.ts';
import { BandId, Email, UserId } from '../identifiers.ts';

export const UserSummary = z
  .object({ userId: UserId, email: Email, name: z.string().max(200), instruments: z.array(Instrument) })
  .strict();

export const userService = defineService({
  module: 'auth',
  name: 'user_service',
  version: 1,
  description: 'Users and band memberships, for modules that need to know who someone is.',
  operations: {
    getUser: {
      description: 'A user’s profile, or null when no such user exists.',
      input: z.object({ userId: UserId }).strict(),
      output: z.object({ user: UserSummary.nullable() }).strict(),
    },
    getMembership: {
      description: 'The role a user holds in a band, or null when not a member.',
      input: z.object({ bandId: BandId, userId: UserId }).strict(),
      output: z.object({ role: Role.nullable() }).strict(),
    },
    listBandMembers: {
      description:
        'Every member of a band with role and instruments; answered only when the acting user is a member of that band.',
      input: z.object({ bandId: BandId, actingUserId: UserId }).strict(),
      output: z.object({ members: z.array(UserSummary.extend({ role: Role })) }).strict(),
    },
  },
});
