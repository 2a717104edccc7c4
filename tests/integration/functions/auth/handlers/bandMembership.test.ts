import '../../../../helpers/quietPowertools.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as changeMemberRole } from '../../../../../functions/auth/handlers/changeMemberRole.ts';
import { handler as createBand } from '../../../../../functions/auth/handlers/createBand.ts';
import { handler as devLogin } from '../../../../../functions/auth/handlers/devLogin.ts';
import { handler as inviteMember } from '../../../../../functions/auth/handlers/inviteMember.ts';
import { handler as listBandMembers } from '../../../../../functions/auth/handlers/listBandMembers.ts';
import { handler as removeMember } from '../../../../../functions/auth/handlers/removeMember.ts';
import type { HttpEvent } from '../../../../../shared/runtime/http/HttpRequest.ts';
import {
  call,
  expectBadRequest,
  type Handler,
  INVITATIONS,
  identityFrom,
  MEMBER,
  MEMBERS,
  seedTwoBands,
  someone,
  type TwoBands,
} from '../authHandlerCalls.ts';
import { type AuthTestBed, routeEvent, startAuthTestBed } from '../authTestBed.ts';

describe('band and membership handlers (DynamoDB Local, recorded bus)', () => {
  let bed: AuthTestBed;
  let bands: TwoBands;
  beforeAll(async () => {
    bed = await startAuthTestBed();
    bands = await seedTwoBands(bed);
  });
  afterAll(() => bed?.stop());

  it('re-checks the band in handlers: band A user reading band B members → 403, member inviting → 403', async () => {
    const { bandA, bandB, memberToken } = bands;
    const cross = await call(
      listBandMembers,
      routeEvent('GET', MEMBERS, { params: { bandId: bandB }, identity: await identityFrom(memberToken) }),
    );
    expect(cross.statusCode).toBe(403);
    const invite = await call(
      inviteMember,
      routeEvent('POST', INVITATIONS, {
        params: { bandId: bandA },
        body: { email: 'z@example.com', role: 'leader' },
        identity: await identityFrom(memberToken),
      }),
    );
    expect(invite.statusCode).toBe(403);
    const own = await call(
      listBandMembers,
      routeEvent('GET', MEMBERS, { params: { bandId: bandA }, identity: await identityFrom(memberToken) }),
    );
    expect(own.statusCode).toBe(200);
    expect(own.json.members.map((m: { role: string }) => m.role).sort()).toEqual(['leader', 'member']);
  });

  it('keeps a leader: the last leader cannot be demoted or removed; a member can be promoted and removed', async () => {
    const { bandA, memberId, memberToken } = bands;
    const leader = await identityFrom(bands.leaderToken);
    const demoteSelf = await call(
      changeMemberRole,
      routeEvent('PATCH', MEMBER, {
        params: { bandId: bandA, userId: leader.userId },
        body: { role: 'member' },
        identity: leader,
      }),
    );
    expect(demoteSelf.statusCode).toBe(409);
    const removeSelf = await call(
      removeMember,
      routeEvent('DELETE', MEMBER, { params: { bandId: bandA, userId: leader.userId }, identity: leader }),
    );
    expect(removeSelf.statusCode).toBe(409);
    const promote = await call(
      changeMemberRole,
      routeEvent('PATCH', MEMBER, {
        params: { bandId: bandA, userId: memberId },
        body: { role: 'leader' },
        identity: leader,
      }),
    );
    expect(promote.statusCode).toBe(200);
    const demote = await call(
      changeMemberRole,
      routeEvent('PATCH', MEMBER, {
        params: { bandId: bandA, userId: memberId },
        body: { role: 'member' },
        identity: leader,
      }),
    );
    expect(demote.statusCode).toBe(200);
    const removed = await call(
      removeMember,
      routeEvent('DELETE', MEMBER, { params: { bandId: bandA, userId: memberId }, identity: leader }),
    );
    expect(removed.statusCode).toBe(204);
    // The removed member's token still names the band for a few minutes; the handler reads the store.
    const stale = await call(
      listBandMembers,
      routeEvent('GET', MEMBERS, { params: { bandId: bandA }, identity: await identityFrom(memberToken) }),
    );
    expect(stale.statusCode).toBe(403);
    const changes = bed.published.filter(
      (e) => e.name === 'auth.permission_updated' && e.detail.data.userId === memberId,
    );
    expect(changes.map((e) => e.detail.data.change)).toEqual([
      'granted',
      'role_changed',
      'role_changed',
      'revoked',
    ]);
    expect(changes.every((e) => e.detail.metadata.bandId === bandA)).toBe(true);
  });

  it('refuses (403) a demoted leader whose token still says leader: invite, role change and removal', async () => {
    const signIn = async (email: string) =>
      (await call(devLogin, routeEvent('POST', '/api/auth/dev-login', { body: { email } }))).json;
    const cleo = await signIn('cleo@example.com');
    const band = await call(
      createBand,
      routeEvent('POST', '/api/auth/bands', {
        body: { name: 'Band C' },
        identity: await identityFrom(cleo.accessToken),
      }),
    );
    const bandC = band.json.band.bandId as string;
    const cleoLeader = await identityFrom(band.json.accessToken);
    for (const [email, role] of [
      ['dan@example.com', 'leader'],
      ['eve@example.com', 'member'],
    ] as const) {
      const invited = await call(
        inviteMember,
        routeEvent('POST', INVITATIONS, {
          params: { bandId: bandC },
          body: { email, role },
          identity: cleoLeader,
        }),
      );
      expect(invited.statusCode).toBe(201);
    }
    const dan = await signIn('dan@example.com');
    const eve = await signIn('eve@example.com');
    const danAsLeader = await identityFrom(dan.accessToken);
    expect(danAsLeader.memberships).toEqual([{ bandId: bandC, role: 'leader' }]);

    const demoted = await call(
      changeMemberRole,
      routeEvent('PATCH', MEMBER, {
        params: { bandId: bandC, userId: dan.user.userId },
        body: { role: 'member' },
        identity: cleoLeader,
      }),
    );
    expect(demoted.statusCode).toBe(200);

    // Dan's token lives on for minutes and still names him leader: the use cases must read the store.
    const invite = await call(
      inviteMember,
      routeEvent('POST', INVITATIONS, {
        params: { bandId: bandC },
        body: { email: 'mallory@example.com', role: 'leader' },
        identity: danAsLeader,
      }),
    );
    const promote = await call(
      changeMemberRole,
      routeEvent('PATCH', MEMBER, {
        params: { bandId: bandC, userId: eve.user.userId },
        body: { role: 'leader' },
        identity: danAsLeader,
      }),
    );
    const remove = await call(
      removeMember,
      routeEvent('DELETE', MEMBER, {
        params: { bandId: bandC, userId: eve.user.userId },
        identity: danAsLeader,
      }),
    );
    expect([invite.statusCode, promote.statusCode, remove.statusCode]).toEqual([403, 403, 403]);
    const members = await call(
      listBandMembers,
      routeEvent('GET', MEMBERS, { params: { bandId: bandC }, identity: cleoLeader }),
    );
    expect(
      members.json.members.map((m: { userId: string; role: string }) => [m.userId, m.role]).sort(),
    ).toEqual(
      [
        [cleo.user.userId, 'leader'],
        [dan.user.userId, 'member'],
        [eve.user.userId, 'member'],
      ].sort(),
    );
  });

  const badInput: [string, Handler, HttpEvent][] = [
    [
      'bands: missing name',
      createBand,
      routeEvent('POST', '/api/auth/bands', { body: {}, identity: someone }),
    ],
    [
      'invite: bad role',
      inviteMember,
      routeEvent('POST', INVITATIONS, {
        params: { bandId: 'b1' },
        body: { email: 'a@b.co', role: 'admin' },
        identity: someone,
      }),
    ],
    [
      'invite: bad band id',
      inviteMember,
      routeEvent('POST', INVITATIONS, {
        params: { bandId: '../x' },
        body: { email: 'a@b.co', role: 'member' },
        identity: someone,
      }),
    ],
    [
      'role: wrong type',
      changeMemberRole,
      routeEvent('PATCH', MEMBER, {
        params: { bandId: 'b1', userId: 'u2' },
        body: { role: 1 },
        identity: someone,
      }),
    ],
  ];
  it.each(badInput)('bad input → 400 problem+json, never 5xx: %s', async (_label, h, event) => {
    await expectBadRequest(h, event);
  });
});
