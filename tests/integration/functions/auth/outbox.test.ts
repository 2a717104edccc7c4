import '../../../helpers/quietPowertools.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BANDS_PER_USER } from '../../../../functions/auth/domain/authConstants.ts';
import { handler as changeMemberRole } from '../../../../functions/auth/handlers/changeMemberRole.ts';
import { handler as createBand } from '../../../../functions/auth/handlers/createBand.ts';
import { handler as devLogin } from '../../../../functions/auth/handlers/devLogin.ts';
import { handler as inviteMember } from '../../../../functions/auth/handlers/inviteMember.ts';
import { handler as logout } from '../../../../functions/auth/handlers/logout.ts';
import { handler as refresh } from '../../../../functions/auth/handlers/refresh.ts';
import { handler as removeMember } from '../../../../functions/auth/handlers/removeMember.ts';
import { AUTH_TABLES } from '../../../../functions/auth/store/authTableNames.ts';
import { authDependencies } from '../../../../functions/auth/wiring/authDependencies.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../infra/local/shared/localNames.ts';
import type { Identity } from '../../../../shared/contracts/identity.ts';
import { tableEnvVar } from '../../../../shared/contracts/platformEnvironment.ts';
import { OUTBOX_TABLE_NAME } from '../../../../shared/platformModel/modelConstants.ts';
import type { HttpEvent } from '../../../../shared/runtime/http/HttpRequest.ts';
import { createOutbox } from '../../../../shared/runtime/index.ts';
// The function the model runs as auth-drainOutbox (the kit's drain, in auth's environment).
import { handler as drainHandler } from '../../../../shared/runtime/outbox/drainOutboxHandler.ts';
import { lambdaContext } from '../../../helpers/httpEvents.ts';
import { type AuthTestBed, routeEvent, startAuthTestBed } from './authTestBed.ts';

type Handler = (event: HttpEvent, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field in assertions
type Json = any;
const call = async (h: Handler, event: HttpEvent): Promise<{ statusCode: number; json: Json }> => {
  const reply = (await h(event, lambdaContext('auth'))) as { statusCode: number; body?: string };
  return { statusCode: reply.statusCode, json: reply.body ? JSON.parse(reply.body) : undefined };
};
const identityOf = async (token: string): Promise<Identity> => {
  const identity = await authDependencies().verifier.verify(token);
  if (!identity) throw new Error('token did not verify');
  return identity;
};

interface OutboxItem {
  eventId: string;
  name: string;
  data: Record<string, unknown>;
}

describe('auth outbox: a bus outage loses no event and fails no request (DynamoDB Local, failing bus)', () => {
  let bed: AuthTestBed;
  let doc: DynamoDBDocumentClient;
  beforeAll(async () => {
    bed = await startAuthTestBed();
    doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: bed.dynamo.endpoint,
        region: LOCAL_AWS_REGION,
        credentials: LOCAL_AWS_CREDENTIALS,
      }),
    );
  });
  afterAll(async () => {
    doc?.destroy();
    await bed?.stop();
  });
  const outbox = async (): Promise<OutboxItem[]> =>
    ((
      await doc.send(
        new ScanCommand({ TableName: process.env[tableEnvVar(OUTBOX_TABLE_NAME)], ConsistentRead: true }),
      )
    ).Items ?? []) as OutboxItem[];

  it('commits every state change with its event while the bus is down; the drain publishes them once it is back', async () => {
    bed.failPublishing = true;
    const leader = await call(
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', { body: { email: 'lead@outbox.example' } }),
    );
    expect(leader.statusCode).toBe(200);

    // A retried create (same requestId) answers with the same band instead of making a second one.
    const requestId = crypto.randomUUID();
    const create = () =>
      call(
        createBand,
        routeEvent('POST', '/api/auth/bands', {
          body: { name: 'Outage', requestId },
          identity: leaderIdentity(leader.json),
        }),
      );
    const band = await create();
    expect(band.statusCode).toBe(201);
    const retried = await create();
    expect(retried.statusCode).toBe(201);
    expect(retried.json.band.bandId).toBe(band.json.band.bandId);
    const bandId: string = band.json.band.bandId;
    expect((await authDependencies().bands.listMembershipsOfUser(leader.json.user.userId)).length).toBe(1);
    const leaderNow = await identityOf(band.json.accessToken);

    const invited = await call(
      inviteMember,
      routeEvent('POST', '/api/auth/bands/{bandId}/invitations', {
        params: { bandId },
        body: { email: 'member@outbox.example', role: 'member' },
        identity: leaderNow,
      }),
    );
    expect(invited.statusCode).toBe(201);
    const member = await call(
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', { body: { email: 'member@outbox.example' } }),
    );
    expect(member.statusCode).toBe(200);
    // The grant is in the token at once (merged, not read back from the lagging index).
    expect((await identityOf(member.json.accessToken)).memberships).toEqual([{ bandId, role: 'member' }]);
    const memberId: string = member.json.user.userId;

    const promoted = await call(
      changeMemberRole,
      routeEvent('PATCH', '/api/auth/bands/{bandId}/members/{userId}', {
        params: { bandId, userId: memberId },
        body: { role: 'leader' },
        identity: leaderNow,
      }),
    );
    expect(promoted.statusCode).toBe(200);
    const removed = await call(
      removeMember,
      routeEvent('DELETE', '/api/auth/bands/{bandId}/members/{userId}', {
        params: { bandId, userId: memberId },
        identity: leaderNow,
      }),
    );
    expect(removed.statusCode).toBe(204);
    // State changes stand: the member is gone even though no event went out.
    expect(await authDependencies().bands.getMembership(bandId, memberId)).toBeNull();

    // Refresh during the outage returns new tokens, and the client's next refresh (with them) is no reuse.
    const rotated = await call(
      refresh,
      routeEvent('POST', '/api/auth/refresh', { body: { refreshToken: leader.json.refreshToken } }),
    );
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json.refreshToken).not.toBe(leader.json.refreshToken);
    const again = await call(
      refresh,
      routeEvent('POST', '/api/auth/refresh', { body: { refreshToken: rotated.json.refreshToken } }),
    );
    expect(again.statusCode).toBe(200);
    const session = await authDependencies().sessions.getSession(leader.json.sessionId);
    expect(session?.status).toBe('active');

    const loggedOut = await call(
      logout,
      routeEvent('POST', '/api/auth/logout', { body: { refreshToken: member.json.refreshToken } }),
    );
    expect(loggedOut.statusCode).toBe(204);

    const waiting = await outbox();
    const summary = waiting
      .map(
        (e) =>
          `${e.name}:${String(e.data.change ?? e.data.reason ?? (e.name === 'auth.band_created' ? e.data.name : ''))}`,
      )
      .sort();
    expect(summary).toEqual(
      [
        'auth.user_logged_in:',
        'auth.user_logged_in:',
        'auth.band_created:Outage', // createBand (once, despite the retry), beside its leader's grant
        'auth.permission_updated:granted',
        'auth.permission_updated:granted', // the invitation accepted at sign-in
        'auth.permission_updated:role_changed',
        'auth.permission_updated:revoked',
        'auth.token_refreshed:',
        'auth.token_refreshed:',
        'auth.user_logged_out:logout',
      ].sort(),
    );
    expect(bed.published).toEqual([]);

    // The bus is back. Young events are left to their requests; older ones are republished with their ids.
    bed.failPublishing = false;
    expect(await drainHandler({ id: 'drain-now' } as never)).toEqual({ published: 0, failed: 0 });
    const report = await createOutbox({ module: 'auth', now: () => new Date(Date.now() + 31_000) }).drain();
    expect(report).toEqual({ published: waiting.length, failed: 0 });
    expect(bed.published.map((e) => e.detail.metadata.eventId).sort()).toEqual(
      waiting.map((e) => e.eventId).sort(),
    );
    const revoked = bed.published.find((e) => e.detail.data.change === 'revoked');
    expect(revoked?.detail.metadata.bandId).toBe(bandId);
    expect(await outbox()).toEqual([]);
  });

  it('publishes right after the commit when the bus is up, and leaves nothing in the outbox', async () => {
    bed.failPublishing = false;
    const before = bed.published.length;
    const login = await call(
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', { body: { email: 'fine@outbox.example' } }),
    );
    expect(login.statusCode).toBe(200);
    const event = bed.published.slice(before).find((e) => e.name === 'auth.user_logged_in');
    expect(event?.detail.data.userId).toBe(login.json.user.userId);
    expect(await outbox()).toEqual([]);
  });

  it('refuses a requestId reused for another band, and a band past MAX_BANDS_PER_USER (409)', async () => {
    const login = await call(
      devLogin,
      routeEvent('POST', '/api/auth/dev-login', { body: { email: 'limits@outbox.example' } }),
    );
    const identity = leaderIdentity(login.json);
    const create = (name: string, requestId = crypto.randomUUID()) =>
      call(createBand, routeEvent('POST', '/api/auth/bands', { body: { name, requestId }, identity }));
    const requestId = crypto.randomUUID();
    expect((await create('First', requestId)).statusCode).toBe(201);
    expect((await create('Another name', requestId)).statusCode).toBe(409);

    await doc.send(
      new UpdateCommand({
        TableName: process.env[tableEnvVar(AUTH_TABLES.users)],
        Key: { pk: `USER#${identity.userId}` },
        UpdateExpression: 'SET bandCount = :n',
        ExpressionAttributeValues: { ':n': MAX_BANDS_PER_USER },
      }),
    );
    const refused = await create('One too many');
    expect(refused.statusCode).toBe(409);
    expect(refused.json.detail).toContain(String(MAX_BANDS_PER_USER));
    expect(await authDependencies().bands.listMembershipsOfUser(identity.userId)).toHaveLength(1);
  });
});

const leaderIdentity = (grant: Json): Identity => ({
  userId: grant.user.userId,
  email: grant.user.email,
  name: grant.user.name,
  instruments: grant.user.instruments,
  memberships: grant.memberships,
});
