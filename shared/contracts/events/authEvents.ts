import * as z from 'zod';
import { Instrument, Role } from '../bandVocabulary.ts';
import { defineEvent } from '../defineEvent.ts';
import { BandId, Email, EntityId, IsoDateTime, UserId } from '../identifiers.ts';

export const Membership = z.object({ bandId: BandId, role: Role }).strict();

export const userLoggedIn = defineEvent({
  name: 'auth.user_logged_in',
  owner: 'auth',
  version: 1,
  bandScoped: false,
  description: 'A user signed in; modules prepare that user’s views of each band they belong to.',
  data: z
    .object({
      userId: UserId,
      email: Email,
      name: z.string().max(200),
      method: z.enum(['google', 'dev']),
      sessionId: EntityId,
      firstLogin: z.boolean(),
      memberships: z.array(Membership).max(200),
      instruments: z.array(Instrument).max(17),
    })
    .strict(),
});

export const userLoggedOut = defineEvent({
  name: 'auth.user_logged_out',
  owner: 'auth',
  version: 1,
  bandScoped: false,
  description: 'A session ended: the user logged out, or the session was revoked (e.g. refresh token reuse).',
  data: z
    .object({
      userId: UserId,
      sessionId: EntityId,
      reason: z.enum(['logout', 'refresh_token_reuse', 'revoked']),
    })
    .strict(),
});

export const tokenRefreshed = defineEvent({
  name: 'auth.token_refreshed',
  owner: 'auth',
  version: 1,
  bandScoped: false,
  description: 'A session’s refresh token was rotated and a new access token issued.',
  data: z.object({ userId: UserId, sessionId: EntityId, accessTokenExpiresAt: IsoDateTime }).strict(),
});

export const permissionUpdated = defineEvent({
  name: 'auth.permission_updated',
  owner: 'auth',
  version: 1,
  bandScoped: true,
  description: 'A user’s membership of a band was granted, changed or revoked.',
  data: z
    .object({
      bandId: BandId,
      userId: UserId,
      change: z.enum(['granted', 'role_changed', 'revoked']),
      role: Role.nullable().describe('The role now held; null when revoked'),
      previousRole: Role.nullable(),
      changedBy: UserId,
    })
    .strict(),
});

export const bandCreated = defineEvent({
  name: 'auth.band_created',
  owner: 'auth',
  version: 1,
  bandScoped: true,
  description: 'A band was created; its creator is its first leader. Drive prepares the band’s library.',
  data: z
    .object({
      bandId: BandId,
      name: z.string().min(1).max(200),
      createdBy: UserId,
      createdAt: IsoDateTime,
    })
    .strict(),
});

export const authEvents = [
  userLoggedIn,
  userLoggedOut,
  tokenRefreshed,
  permissionUpdated,
  bandCreated,
] as const;
