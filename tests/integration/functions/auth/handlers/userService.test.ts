import '../../../../helpers/quietPowertools.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as updateProfile } from '../../../../../functions/auth/handlers/updateProfile.ts';
import { handler as userService } from '../../../../../functions/auth/handlers/userService.ts';
import { lambdaContext } from '../../../../helpers/httpEvents.ts';
import { call, identityFrom, seedTwoBands, type TwoBands } from '../authHandlerCalls.ts';
import { type AuthTestBed, routeEvent, startAuthTestBed } from '../authTestBed.ts';

describe('user_service, for other modules (DynamoDB Local)', () => {
  let bed: AuthTestBed;
  let bands: TwoBands;
  beforeAll(async () => {
    bed = await startAuthTestBed();
    bands = await seedTwoBands(bed);
  });
  afterAll(() => bed?.stop());

  const invoke = (operation: string, input: unknown) =>
    userService(
      { operation, input, caller: 'dashboard', correlationId: 'c-1' },
      lambdaContext('auth-userService'),
    );

  it('answers getUser, getMembership and listBandMembers from the stores, through the use cases', async () => {
    const mo = await identityFrom(bands.memberToken);
    const renamed = await call(
      updateProfile,
      routeEvent('PUT', '/api/auth/profile', {
        body: { name: 'Mo Better', instruments: ['alto_sax', 'flute'] },
        identity: mo,
      }),
    );
    expect(renamed.statusCode).toBe(200);
    expect(await invoke('getUser', { userId: mo.userId })).toMatchObject({
      ok: true,
      output: { user: { name: 'Mo Better' } },
    });
    expect(await invoke('getUser', { userId: 'nobody' })).toEqual({ ok: true, output: { user: null } });
    const leader = await identityFrom(bands.leaderToken);
    expect(await invoke('getMembership', { bandId: bands.bandA, userId: leader.userId })).toEqual({
      ok: true,
      output: { role: 'leader' },
    });
    expect(await invoke('getMembership', { bandId: bands.bandB, userId: mo.userId })).toEqual({
      ok: true,
      output: { role: null },
    });
    expect(
      await invoke('listBandMembers', { bandId: bands.bandA, actingUserId: leader.userId }),
    ).toMatchObject({
      ok: true,
      output: {
        members: expect.arrayContaining([
          expect.objectContaining({ userId: leader.userId, role: 'leader' }),
          expect.objectContaining({ userId: mo.userId, role: 'member', name: 'Mo Better' }),
        ]),
      },
    });
    // A declared caller acting for someone outside the band gets nothing of the roster.
    const outsider = await identityFrom(bands.outsiderToken);
    expect(
      await invoke('listBandMembers', { bandId: bands.bandA, actingUserId: outsider.userId }),
    ).toMatchObject({
      ok: false,
      error: { status: 403 },
    });
  });

  it('refuses bad input with a 400 error, as data', async () => {
    expect(await invoke('getUser', { userId: '' })).toMatchObject({ ok: false, error: { status: 400 } });
    expect(await invoke('listBandMembers', { bandId: 'b1' })).toMatchObject({
      ok: false,
      error: { status: 400 },
    });
    expect(await invoke('deleteUser', { userId: 'u' })).toMatchObject({ ok: false, error: { status: 404 } });
  });
});
