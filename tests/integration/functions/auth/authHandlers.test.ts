import '../../../helpers/quietPowertools.ts';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokenIssuer } from '../../../../functions/auth/crypto/AccessTokenIssuer.ts';
import { handler as authorize, UNAUTHORIZED } from '../../../../functions/auth/handlers/authorize.ts';
import { handler as changeMemberRole } from '../../../../functions/auth/handlers/changeMemberRole.ts';
import { handler as createBand } from '../../../../functions/auth/handlers/createBand.ts';
import { handler as devLogin } from '../../../../functions/auth/handlers/devLogin.ts';
import { handler as getMe } from '../../../../functions/auth/handlers/getMe.ts';
import { handler as googleSignIn } from '../../../../functions/auth/handlers/googleSignIn.ts';
import { handler as health } from '../../../../functions/auth/handlers/health.ts';
import { handler as inviteMember } from '../../../../functions/auth/handlers/inviteMember.ts';
import { handler as jwks } from '../../../../functions/auth/handlers/jwks.ts';
import { handler as listBandMembers } from '../../../../functions/auth/handlers/listBandMembers.ts';
import { handler as logout } from '../../../../functions/auth/handlers/logout.ts';
import { handler as refresh } from '../../../../functions/auth/handlers/refresh.ts';
import { handler as removeMember } from '../../../../functions/auth/handlers/removeMember.ts';
import { handler as updateProfile } from '../../../../functions/auth/handlers/updateProfile.ts';
import { handler as userService } from '../../../../functions/auth/handlers/userService.ts';
import { authDependencies } from '../../../../functions/auth/wiring/authDependencies.ts';
import type { Identity } from '../../../../shared/contracts/identity.ts';
import type { HttpEvent } from '../../../../shared/runtime/http/HttpRequest.ts';
import { lambdaContext } from '../../../helpers/httpEvents.ts';
import { type AuthTestBed, routeEvent, startAuthTestBed } from './authTestBed.ts';

type Handler = (event: HttpEvent, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field in assertions
type Json = any;
interface Reply {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}
const call = async (h: Handler, event: HttpEvent): Promise<Reply & { json: Json }> => {
  const reply = (await h(event, lambdaContext('auth'))) as Reply;
  return { ...reply, json: reply.body ? JSON.parse(reply.body) : undefined };
};
const identityFrom = async (token: string): Promise<Identity> => {
  const identity = await authDependencies().verifier.verify(token);
  if (!identity) throw new Error('token did not verify');
  return identity;
};
const authorizeHttp = (
  method: string,
  template: string,
  token: string | undefined,
  params?: Record<string, string>,
) =>
  authorize({
    ...routeEvent(method, template, { ...(params ? { params } : {}), ...(token ? { token } : {}) }),
    type: 'REQUEST',
  });

const MEMBERS = '/api/auth/bands/{bandId}/members';
const INVITATIONS = '/api/auth/bands/{bandId}/invitations';
const MEMBER = '/api/auth/bands/{bandId}/members/{userId}';

describe('auth module handlers (DynamoDB Local, local OIDC issuer, recorded bus)', () => {
  let bed: AuthTestBed;
  beforeAll(async () => {
    bed = await startAuthTestBed();
  });
  afterAll(() => bed?.stop());

  describe('Google sign-in', () => {
    it('creates the user, returns a session and publishes auth.user_logged_in', async () => {
      const idToken = await bed.oidc.idToken('Gina@Example.com', { name: 'Gina', sub: 'google-gina' });
      const reply = await call(googleSignIn, routeEvent('POST', '/api/auth/google', { body: { idToken } }));
      expect(reply.statusCode).toBe(200);
      expect(reply.json).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 900,
        user: { email: 'gina@example.com', name: 'Gina' },
      });
      const event = bed.published.find(
        (e) => e.name === 'auth.user_logged_in' && e.detail.data.email === 'gina@example.com',
      );
      expect(event?.detail.data).toMatchObject({
        userId: reply.json.user.userId,
        method: 'google',
        firstLogin: true,
        sessionId: reply.json.sessionId,
        memberships: [],
      });
      const again = await call(
        googleSignIn,
        routeEvent('POST', '/api/auth/google', {
          body: { idToken: await bed.oidc.idToken('gina@example.com', { sub: 'google-gina' }) },
        }),
      );
      expect(again.json.user.userId).toBe(reply.json.user.userId);
      // Same email, another Google account (its `sub`): refused, the first account keeps the user.
      const impostor = await call(
        googleSignIn,
        routeEvent('POST', '/api/auth/google', {
          body: { idToken: await bed.oidc.idToken('gina@example.com', { sub: 'google-someone-else' }) },
        }),
      );
      expect(impostor.statusCode).toBe(401);
    });

    it('links the Google account at the first Google sign-in of a user made by dev-login', async () => {
      const dev = await call(
        devLogin,
        routeEvent('POST', '/api/auth/dev-login', { body: { email: 'devfirst@example.com' } }),
      );
      expect(dev.statusCode).toBe(200);
      const linked = await call(
        googleSignIn,
        routeEvent('POST', '/api/auth/google', {
          body: { idToken: await bed.oidc.idToken('devfirst@example.com', { sub: 'sub-1' }) },
        }),
      );
      expect(linked.json.user.userId).toBe(dev.json.user.userId);
      const other = await call(
        googleSignIn,
        routeEvent('POST', '/api/auth/google', {
          body: { idToken: await bed.oidc.idToken('devfirst@example.com', { sub: 'sub-2' }) },
        }),
      );
      expect(other.statusCode).toBe(401);
    });

    it.each([
      ['email_verified: false', { email_verified: false }],
      ['another audience', { aud: 'not-our-client' }],
      ['another issuer', { iss: 'https://accounts.evil.example' }],
      ['an unpublished key', { signWithUnpublishedKey: true }],
      ['an expired token', { expiresInSeconds: -30 }],
    ])('answers 401 problem+json to an ID token with %s', async (_label, overrides) => {
      const idToken = await bed.oidc.idToken('eve@example.com', overrides);
      const reply = await call(googleSignIn, routeEvent('POST', '/api/auth/google', { body: { idToken } }));
      expect(reply.statusCode).toBe(401);
      expect(reply.headers?.['content-type']).toContain('application/problem+json');
    });
  });

  describe('sessions', () => {
    it('rotates refresh tokens; a reused one revokes the whole family; logout revokes', async () => {
      const signIn = await call(
        devLogin,
        routeEvent('POST', '/api/auth/dev-login', { body: { email: 'rita@example.com' } }),
      );
      expect(signIn.statusCode).toBe(200);
      const first = signIn.json.refreshToken as string;

      const rotated = await call(
        refresh,
        routeEvent('POST', '/api/auth/refresh', { body: { refreshToken: first } }),
      );
      expect(rotated.statusCode).toBe(200);
      expect(rotated.json.refreshToken).not.toBe(first);
      expect(rotated.json.sessionId).toBe(signIn.json.sessionId);
      expect(
        bed.published.some(
          (e) => e.name === 'auth.token_refreshed' && e.detail.data.sessionId === signIn.json.sessionId,
        ),
      ).toBe(true);

      const reuse = await call(
        refresh,
        routeEvent('POST', '/api/auth/refresh', { body: { refreshToken: first } }),
      );
      expect(reuse.statusCode).toBe(401);
      const family = await call(
        refresh,
        routeEvent('POST', '/api/auth/refresh', { body: { refreshToken: rotated.json.refreshToken } }),
      );
      expect(family.statusCode).toBe(401);
      expect(
        bed.published.filter(
          (e) => e.name === 'auth.user_logged_out' && e.detail.data.sessionId === signIn.json.sessionId,
        ),
      ).toEqual([
        expect.objectContaining({
          detail: expect.objectContaining({
            data: expect.objectContaining({ reason: 'refresh_token_reuse' }),
          }),
        }),
      ]);

      const other = await call(
        devLogin,
        routeEvent('POST', '/api/auth/dev-login', { body: { email: 'rita@example.com' } }),
      );
      const out = await call(
        logout,
        routeEvent('POST', '/api/auth/logout', { body: { refreshToken: other.json.refreshToken } }),
      );
      expect(out.statusCode).toBe(204);
      const after = await call(
        refresh,
        routeEvent('POST', '/api/auth/refresh', { body: { refreshToken: other.json.refreshToken } }),
      );
      expect(after.statusCode).toBe(401);
      expect(
        bed.published.some((e) => e.name === 'auth.user_logged_out' && e.detail.data.reason === 'logout'),
      ).toBe(true);
    });

    it('publishes the signing keys at /.well-known/jwks.json without private parts', async () => {
      const reply = await call(jwks, routeEvent('GET', '/.well-known/jwks.json'));
      expect(reply.statusCode).toBe(200);
      expect(reply.json.keys.length).toBeGreaterThan(0);
      for (const key of reply.json.keys) {
        expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
        expect(key).not.toHaveProperty('d');
      }
    });

    it('refuses dev-login outside the local stage', async () => {
      process.env.SOLEIL_STAGE = 'prod';
      try {
        const reply = await call(
          devLogin,
          routeEvent('POST', '/api/auth/dev-login', { body: { email: 'x@example.com' } }),
        );
        expect(reply.statusCode).toBe(404);
      } finally {
        process.env.SOLEIL_STAGE = 'local';
      }
    });
  });

  describe('the authorizer', () => {
    let leaderToken: string;
    let memberToken: string;
    let outsiderToken: string;
    let bandA: string;
    let bandB: string;
    let memberId: string;

    beforeAll(async () => {
      const lea = await call(
        devLogin,
        routeEvent('POST', '/api/auth/dev-login', { body: { email: 'lea@example.com' } }),
      );
      const created = await call(
        createBand,
        routeEvent('POST', '/api/auth/bands', {
          body: { name: 'Band A' },
          identity: await identityFrom(lea.json.accessToken),
        }),
      );
      expect(created.statusCode).toBe(201);
      bandA = created.json.band.bandId;
      leaderToken = created.json.accessToken;
      const invited = await call(
        inviteMember,
        routeEvent('POST', INVITATIONS, {
          params: { bandId: bandA },
          body: { email: 'Mo@example.com', role: 'member' },
          identity: await identityFrom(leaderToken),
        }),
      );
      expect(invited.statusCode).toBe(201);
      const mo = await call(
        devLogin,
        routeEvent('POST', '/api/auth/dev-login', {
          body: { email: 'mo@example.com', instruments: ['alto_sax'] },
        }),
      );
      expect(mo.json.memberships).toEqual([{ bandId: bandA, role: 'member' }]);
      memberToken = mo.json.accessToken;
      memberId = mo.json.user.userId;
      expect(
        bed.published.some((e) => e.name === 'auth.permission_updated' && e.detail.data.userId === memberId),
      ).toBe(true);

      const bob = await call(
        devLogin,
        routeEvent('POST', '/api/auth/dev-login', { body: { email: 'bob@example.com' } }),
      );
      const other = await call(
        createBand,
        routeEvent('POST', '/api/auth/bands', {
          body: { name: 'Band B' },
          identity: await identityFrom(bob.json.accessToken),
        }),
      );
      bandB = other.json.band.bandId;
      outsiderToken = other.json.accessToken;
    });

    it('allows a valid token and passes the identity JSON-encoded', async () => {
      const result = (await authorizeHttp('GET', '/api/auth/me', memberToken)) as {
        isAuthorized: boolean;
        context: { identity: string };
      };
      expect(result.isAuthorized).toBe(true);
      expect(JSON.parse(result.context.identity)).toMatchObject({
        userId: memberId,
        instruments: ['alto_sax'],
      });
    });

    it('answers 401 (throws "Unauthorized") to no token, expired, another key, wrong aud, wrong iss, alg none', async () => {
      const { keys } = authDependencies();
      const options = { issuer: 'urn:soleil:auth', audience: 'urn:soleil:api' };
      const identity = await identityFrom(memberToken);
      const expired = await new AccessTokenIssuer(keys, {
        ...options,
        now: () => Date.now() - 20 * 60_000,
      }).issue(identity);
      const wrongAud = await new AccessTokenIssuer(keys, { ...options, audience: 'urn:other' }).issue(
        identity,
      );
      const wrongIss = await new AccessTokenIssuer(keys, { ...options, issuer: 'urn:other' }).issue(identity);
      const attacker = await generateKeyPair('ES256');
      const claims = { ...identity, sub: identity.userId, memberships: [{ bandId: bandA, role: 'leader' }] };
      const otherKey = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setJti('j')
        .setExpirationTime('10m')
        .sign(attacker.privateKey);
      const none = new UnsecuredJWT(claims)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setJti('j')
        .setExpirationTime('10m')
        .encode();
      for (const token of [
        undefined,
        expired.token,
        wrongAud.token,
        wrongIss.token,
        otherKey,
        none,
        'garbage',
      ]) {
        await expect(authorizeHttp('GET', '/api/auth/me', token)).rejects.toThrow(UNAUTHORIZED);
      }
    });

    it('forbids (403) a member on a leader route, and a user of band A reading band B', async () => {
      expect(await authorizeHttp('POST', INVITATIONS, memberToken, { bandId: bandA })).toEqual({
        isAuthorized: false,
      });
      expect(await authorizeHttp('GET', MEMBERS, memberToken, { bandId: bandB })).toEqual({
        isAuthorized: false,
      });
      expect(await authorizeHttp('GET', MEMBERS, outsiderToken, { bandId: bandA })).toEqual({
        isAuthorized: false,
      });
      expect(await authorizeHttp('GET', MEMBERS, memberToken, { bandId: bandA })).toMatchObject({
        isAuthorized: true,
      });
      expect(await authorizeHttp('POST', INVITATIONS, leaderToken, { bandId: bandA })).toMatchObject({
        isAuthorized: true,
      });
    });

    it('authorizes WebSocket $connect with the token in the query string', async () => {
      const methodArn = 'arn:aws:execute-api:eu-west-1:000000000000:ws/local/$connect';
      const allowed = (await authorize({
        type: 'REQUEST',
        methodArn,
        queryStringParameters: { token: memberToken },
      })) as unknown as {
        principalId: string;
        policyDocument: { Statement: { Effect: string; Resource: string }[] };
        context: { identity: string };
      };
      expect(allowed.principalId).toBe(memberId);
      expect(allowed.policyDocument.Statement).toEqual([
        { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: methodArn },
      ]);
      expect(JSON.parse(allowed.context.identity).userId).toBe(memberId);
      await expect(authorize({ type: 'REQUEST', methodArn, queryStringParameters: {} })).rejects.toThrow(
        UNAUTHORIZED,
      );
      await expect(
        authorize({ type: 'REQUEST', methodArn, queryStringParameters: { token: 'x.y.z' } }),
      ).rejects.toThrow(UNAUTHORIZED);
    });

    it('re-checks the band in handlers: band A user reading band B members → 403, member inviting → 403', async () => {
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
      const leader = await identityFrom(leaderToken);
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

    it('serves profile routes and user_service', async () => {
      const mo = await identityFrom(memberToken);
      const updated = await call(
        updateProfile,
        routeEvent('PUT', '/api/auth/profile', {
          body: { name: 'Mo Better', instruments: ['alto_sax', 'flute'] },
          identity: mo,
        }),
      );
      expect(updated.statusCode).toBe(200);
      const me = await call(getMe, routeEvent('GET', '/api/auth/me', { identity: mo }));
      expect(me.json.user).toMatchObject({ name: 'Mo Better', instruments: ['alto_sax', 'flute'] });

      const invoke = (operation: string, input: unknown) =>
        userService(
          { operation, input, caller: 'dashboard', correlationId: 'c-1' },
          lambdaContext('auth-userService'),
        );
      expect(await invoke('getUser', { userId: mo.userId })).toMatchObject({
        ok: true,
        output: { user: { name: 'Mo Better' } },
      });
      expect(await invoke('getUser', { userId: 'nobody' })).toEqual({ ok: true, output: { user: null } });
      const leader = await identityFrom(leaderToken);
      expect(await invoke('getMembership', { bandId: bandA, userId: leader.userId })).toEqual({
        ok: true,
        output: { role: 'leader' },
      });
      expect(await invoke('getMembership', { bandId: bandA, userId: mo.userId })).toEqual({
        ok: true,
        output: { role: null },
      });
      expect(await invoke('listBandMembers', { bandId: bandA, actingUserId: leader.userId })).toMatchObject({
        ok: true,
        output: { members: [{ userId: leader.userId, role: 'leader' }] },
      });
      // A declared caller acting for someone outside the band gets nothing of the roster.
      expect(await invoke('listBandMembers', { bandId: bandA, actingUserId: mo.userId })).toMatchObject({
        ok: false,
        error: { status: 403 },
      });
      expect(await invoke('listBandMembers', { bandId: bandA })).toMatchObject({
        ok: false,
        error: { status: 400 },
      });
      expect(await invoke('getUser', { userId: '' })).toMatchObject({ ok: false, error: { status: 400 } });
    });

    it('reports healthy', async () => {
      expect(await health()).toMatchObject({ status: 'ok' });
    });
  });

  describe('bad input → 400 problem+json, never 5xx', () => {
    const someone: Identity = {
      userId: 'u-x',
      email: 'x@example.com',
      name: 'X',
      memberships: [{ bandId: 'b1', role: 'leader' }],
      instruments: [],
    };
    const cases: [string, Handler, HttpEvent][] = [
      ['google: missing idToken', googleSignIn, routeEvent('POST', '/api/auth/google', { body: {} })],
      ['google: wrong type', googleSignIn, routeEvent('POST', '/api/auth/google', { body: { idToken: 42 } })],
      [
        'google: oversized',
        googleSignIn,
        routeEvent('POST', '/api/auth/google', { body: { idToken: 'x'.repeat(9000) } }),
      ],
      [
        'dev-login: bad email',
        devLogin,
        routeEvent('POST', '/api/auth/dev-login', { body: { email: 'nope' } }),
      ],
      [
        'dev-login: unknown instrument',
        devLogin,
        routeEvent('POST', '/api/auth/dev-login', { body: { email: 'a@b.co', instruments: ['kazoo'] } }),
      ],
      ['dev-login: not JSON', devLogin, routeEvent('POST', '/api/auth/dev-login', { rawBody: '{' })],
      ['refresh: missing', refresh, routeEvent('POST', '/api/auth/refresh', { body: {} })],
      [
        'refresh: bad characters',
        refresh,
        routeEvent('POST', '/api/auth/refresh', { body: { refreshToken: '!'.repeat(40) } }),
      ],
      [
        'logout: oversized',
        logout,
        routeEvent('POST', '/api/auth/logout', { body: { refreshToken: 'a'.repeat(500) } }),
      ],
      [
        'profile: unknown instrument',
        updateProfile,
        routeEvent('PUT', '/api/auth/profile', {
          body: { name: 'A', instruments: ['kazoo'] },
          identity: someone,
        }),
      ],
      [
        'profile: oversized name',
        updateProfile,
        routeEvent('PUT', '/api/auth/profile', {
          body: { name: 'a'.repeat(201), instruments: [] },
          identity: someone,
        }),
      ],
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
    it.each(cases)('%s', async (_label, h, event) => {
      const reply = await call(h, event);
      expect(reply.statusCode).toBe(400);
      expect(reply.headers?.['content-type']).toContain('application/problem+json');
    });
  });
});
