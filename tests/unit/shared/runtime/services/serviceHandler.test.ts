import '../../../../helpers/quietPowertools.ts';
import { describe, expect, it } from 'vitest';
import { userService } from '../../../../../shared/contracts/services/authServices.ts';
import { NotFoundError, serviceHandler } from '../../../../../shared/runtime/index.ts';
import { lambdaContext } from '../../../../helpers/httpEvents.ts';

const ana = { userId: 'user-1', email: 'ana@example.com', name: 'Ana', instruments: ['trumpet' as const] };

const handler = serviceHandler(userService, {
  getUser: async ({ userId }) => ({ user: userId === 'user-1' ? ana : null }),
  getMembership: async ({ bandId }) => {
    if (bandId === 'band-gone') throw new NotFoundError(`No band ${bandId}`);
    if (bandId === 'band-bug') throw new Error('undefined is not a function at secret.ts:12');
    return { role: 'leader' as const };
  },
  // A provider bug: the output breaks the contract.
  listBandMembers: async () => ({ members: [{ userId: 'u' }] }) as never,
});

const invoke = (operation: string, input: unknown) =>
  handler({ operation, input, caller: 'dashboard', correlationId: 'corr-1' }, lambdaContext());

describe('serviceHandler', () => {
  it('answers ok with the validated output', async () => {
    expect(await invoke('getUser', { userId: 'user-1' })).toEqual({ ok: true, output: { user: ana } });
  });

  it('answers 400 for input that breaks the operation schema, naming the field', async () => {
    const response = await invoke('getUser', { userId: '' });
    expect(response).toMatchObject({ ok: false, error: { status: 400, type: 'validation-failed' } });
  });

  it('answers 404 for an operation the contract does not have', async () => {
    expect(await invoke('deleteEverything', {})).toMatchObject({ ok: false, error: { status: 404 } });
    expect(await invoke('toString', {})).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it('answers 400 for a payload that is not an invocation', async () => {
    const response = await handler({ nope: true }, lambdaContext());
    expect(response).toMatchObject({ ok: false, error: { status: 400 } });
  });

  it('maps a thrown PlatformError to ok:false with its status', async () => {
    const response = await invoke('getMembership', { bandId: 'band-gone', userId: 'user-1' });
    expect(response).toEqual({
      ok: false,
      error: { type: 'not-found', title: 'Not found', status: 404, detail: 'No band band-gone' },
    });
  });

  it('maps an unexpected error to a 500 that reveals nothing', async () => {
    const response = await invoke('getMembership', { bandId: 'band-bug', userId: 'user-1' });
    expect(response).toMatchObject({ ok: false, error: { status: 500, type: 'internal' } });
    expect(JSON.stringify(response)).not.toContain('secret.ts');
  });

  it('answers 500 when the provider output breaks the contract', async () => {
    const response = await invoke('listBandMembers', { bandId: 'band-1', actingUserId: 'u-1' });
    expect(response).toMatchObject({ ok: false, error: { status: 500, type: 'service-contract-violation' } });
  });
});
