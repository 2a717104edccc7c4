import { expect } from 'vitest';
import { handler as authorize } from '../../../../functions/auth/handlers/authorize.ts';
import { handler as createBand } from '../../../../functions/auth/handlers/createBand.ts';
import { handler as devLogin } from '../../../../functions/auth/handlers/devLogin.ts';
import { handler as inviteMember } from '../../../../functions/auth/handlers/inviteMember.ts';
import { authDependencies } from '../../../../functions/auth/wiring/authDependencies.ts';
import type { Identity } from '../../../../shared/contracts/identity.ts';
import type { HttpEvent } from '../../../../shared/runtime/http/HttpRequest.ts';
import { lambdaContext } from '../../../helpers/httpEvents.ts';
import { type AuthTestBed, routeEvent } from './authTestBed.ts';

/** An auth route handler, as the tests call it. */
export type Handler = (event: HttpEvent, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field in assertions
export type Json = any;
export interface Reply {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

/** Calls a route handler and parses its JSON answer. */
export const call = async (h: Handler, event: HttpEvent): Promise<Reply & { json: Json }> => {
  const reply = (await h(event, lambdaContext('auth'))) as Reply;
  return { ...reply, json: reply.body ? JSON.parse(reply.body) : undefined };
};

/** The identity an access token carries (what the authorizer would hand the route). */
export const identityFrom = async (token: string): Promise<Identity> => {
  const identity = await authDependencies().verifier.verify(token);
  if (!identity) throw new Error('token did not verify');
  return identity;
};

/** Asks the authorizer about an HTTP API request to `template` with `token`. */
export const authorizeHttp = (
  method: string,
  template: string,
  token: string | undefined,
  params?: Record<string, string>,
) =>
  authorize({
    ...routeEvent(method, template, { ...(params ? { params } : {}), ...(token ? { token } : {}) }),
    type: 'REQUEST',
  });

export const MEMBERS = '/api/auth/bands/{bandId}/members';
export const INVITATIONS = '/api/auth/bands/{bandId}/invitations';
export const MEMBER = '/api/auth/bands/{bandId}/members/{userId}';

/** Two bands: Lea leads A, where Mo (alto sax) joined by invitation; Bob leads B. */
export interface TwoBands {
  readonly bandA: string;
  readonly bandB: string;
  /** Lea's token once she leads band A. */
  readonly leaderToken: string;
  /** Mo's token, a member of band A. */
  readonly memberToken: string;
  readonly memberId: string;
  /** Bob's token, leader of band B only. */
  readonly outsiderToken: string;
}

/** Seeds {@link TwoBands} through the handlers (sign-in, band creation, invitation). */
export const seedTwoBands = async (bed: AuthTestBed): Promise<TwoBands> => {
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
  const bandA: string = created.json.band.bandId;
  const leaderToken: string = created.json.accessToken;
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
  const memberId: string = mo.json.user.userId;
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
  return {
    bandA,
    bandB: other.json.band.bandId,
    leaderToken,
    memberToken: mo.json.accessToken,
    memberId,
    outsiderToken: other.json.accessToken,
  };
};

/** Bad input → 400 problem+json, never 5xx: each case is a handler and an event it must refuse. */
export const expectBadRequest = async (h: Handler, event: HttpEvent): Promise<void> => {
  const reply = await call(h, event);
  expect(reply.statusCode).toBe(400);
  expect(reply.headers?.['content-type']).toContain('application/problem+json');
};

/** An identity for requests that must fail before any store is read. */
export const someone: Identity = {
  userId: 'u-x',
  email: 'x@example.com',
  name: 'X',
  memberships: [{ bandId: 'b1', role: 'leader' }],
  instruments: [],
};
