import '../../../../helpers/quietPowertools.ts';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokenIssuer } from '../../../../../functions/auth/crypto/AccessTokenIssuer.ts';
import { handler as authorize } from '../../../../../functions/auth/handlers/authorize.ts';
import { authDependencies } from '../../../../../functions/auth/wiring/authDependencies.ts';
import { UNAUTHORIZED } from '../../../../../shared/runtime/index.ts';
import {
  authorizeHttp,
  INVITATIONS,
  identityFrom,
  MEMBERS,
  seedTwoBands,
  type TwoBands,
} from '../authHandlerCalls.ts';
import { type AuthTestBed, startAuthTestBed } from '../authTestBed.ts';

describe('the authorizer of both edges (DynamoDB Local, real tokens)', () => {
  let bed: AuthTestBed;
  let bands: TwoBands;
  beforeAll(async () => {
    bed = await startAuthTestBed();
    bands = await seedTwoBands(bed);
  });
  afterAll(() => bed?.stop());

  it('allows a valid token and passes the identity JSON-encoded', async () => {
    const result = (await authorizeHttp('GET', '/api/auth/me', bands.memberToken)) as {
      isAuthorized: boolean;
      context: { identity: string };
    };
    expect(result.isAuthorized).toBe(true);
    expect(JSON.parse(result.context.identity)).toMatchObject({
      userId: bands.memberId,
      instruments: ['alto_sax'],
    });
  });

  it('answers 401 (throws "Unauthorized") to no token, expired, another key, wrong aud, wrong iss, alg none', async () => {
    const { keys } = authDependencies();
    const options = { issuer: 'urn:soleil:auth', audience: 'urn:soleil:api' };
    const identity = await identityFrom(bands.memberToken);
    const expired = await new AccessTokenIssuer(keys, {
      ...options,
      now: () => Date.now() - 20 * 60_000,
    }).issue(identity);
    const wrongAud = await new AccessTokenIssuer(keys, { ...options, audience: 'urn:other' }).issue(identity);
    const wrongIss = await new AccessTokenIssuer(keys, { ...options, issuer: 'urn:other' }).issue(identity);
    const attacker = await generateKeyPair('ES256');
    const claims = {
      ...identity,
      sub: identity.userId,
      memberships: [{ bandId: bands.bandA, role: 'leader' }],
    };
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
    const { bandA, bandB, memberToken, outsiderToken, leaderToken } = bands;
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
      queryStringParameters: { token: bands.memberToken },
    })) as unknown as {
      principalId: string;
      policyDocument: { Statement: { Effect: string; Resource: string }[] };
      context: { identity: string };
    };
    expect(allowed.principalId).toBe(bands.memberId);
    expect(allowed.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: methodArn },
    ]);
    expect(JSON.parse(allowed.context.identity).userId).toBe(bands.memberId);
    await expect(authorize({ type: 'REQUEST', methodArn, queryStringParameters: {} })).rejects.toThrow(
      UNAUTHORIZED,
    );
    await expect(
      authorize({ type: 'REQUEST', methodArn, queryStringParameters: { token: 'x.y.z' } }),
    ).rejects.toThrow(UNAUTHORIZED);
  });
});
