import { describe, expect, it } from 'vitest';
import { subscribe, unsubscribe } from '../../../../../functions/sync/useCases/bandSubscriptions.ts';
import { closeConnection, openConnection } from '../../../../../functions/sync/useCases/connections.ts';
import type { Identity } from '../../../../../shared/contracts/identity.ts';
import { ForbiddenError } from '../../../../../shared/runtime/index.ts';
import { inMemorySyncDependencies } from '../../../../helpers/sync/inMemorySyncDependencies.ts';

const person = (userId: string): Identity => ({
  userId,
  email: `${userId}@example.com`,
  name: userId,
  memberships: [],
  instruments: ['trumpet'],
});

/** Opens a connection as `$connect` does and subscribes it to band-1 (auth says the user is a member). */
const join = async (
  sync: ReturnType<typeof inMemorySyncDependencies>,
  connectionId: string,
  userId: string,
) => {
  const caller = { connectionId, identity: person(userId) };
  sync.memberships.roles.set(`band-1/${userId}`, userId === 'leo' ? 'leader' : 'member');
  await openConnection(sync.deps, caller);
  return { caller, subscribed: await subscribe(sync.deps, caller, 'band-1') };
};

const presenceFrames = (sync: ReturnType<typeof inMemorySyncDependencies>, connectionId: string) =>
  sync.pusher.to(connectionId).filter((m) => m.type === 'presence');

describe('presence on band channels', () => {
  it('pushes a join to the members already there, not to the newcomer, and lists who is online', async () => {
    const sync = inMemorySyncDependencies();
    await join(sync, 'c-leo', 'leo');
    await sync.log.appendOnce('band-1', 'e1', (seq) => ({
      bandId: 'band-1',
      seq,
      audience: { kind: 'all' },
      message: { type: 'gig_updated', bandId: 'band-1', seq, gigId: 'g', change: 'created' },
      expiresAt: 2_000_000_000,
    }));
    const { subscribed } = await join(sync, 'c-ana', 'ana');

    expect(subscribed).toEqual({
      type: 'subscribed',
      bandId: 'band-1',
      role: 'member',
      lastSeq: 1,
      online: ['ana', 'leo'],
    });
    expect(presenceFrames(sync, 'c-leo')).toEqual([
      { type: 'presence', bandId: 'band-1', online: ['ana', 'leo'], joined: ['ana'], left: [] },
    ]);
    expect(presenceFrames(sync, 'c-ana')).toEqual([]);
  });

  it('says nothing when a member already online opens a second device, and a leave only with the last one', async () => {
    const sync = inMemorySyncDependencies();
    await join(sync, 'c-leo', 'leo');
    const { caller: phone } = await join(sync, 'c-ana-phone', 'ana');
    await join(sync, 'c-ana-laptop', 'ana');
    expect(presenceFrames(sync, 'c-leo')).toHaveLength(1);

    expect(await unsubscribe(sync.deps, phone, 'band-1')).toEqual({
      type: 'unsubscribed',
      bandId: 'band-1',
      reason: 'requested',
    });
    expect(presenceFrames(sync, 'c-leo')).toHaveLength(1); // the laptop keeps Ana online

    await closeConnection(sync.deps, 'c-ana-laptop'); // `$disconnect`
    expect(presenceFrames(sync, 'c-leo')).toEqual([
      { type: 'presence', bandId: 'band-1', online: ['ana', 'leo'], joined: ['ana'], left: [] },
      { type: 'presence', bandId: 'band-1', online: ['leo'], joined: [], left: ['ana'] },
    ]);
    expect(await sync.connections.subscriptionsOfBand('band-1')).toHaveLength(1);
  });

  it('an unsubscribe of a band the connection was not in tells nobody', async () => {
    const sync = inMemorySyncDependencies();
    await join(sync, 'c-leo', 'leo');
    const { caller } = await join(sync, 'c-ana', 'ana');
    await unsubscribe(sync.deps, caller, 'band-1');
    await unsubscribe(sync.deps, caller, 'band-1');
    expect(presenceFrames(sync, 'c-leo').map((p) => p.left)).toEqual([[], ['ana']]);
  });

  it('refuses a subscribe auth does not back, and leaves no subscription or presence behind', async () => {
    const sync = inMemorySyncDependencies();
    await join(sync, 'c-leo', 'leo');
    const stranger = { connectionId: 'c-eve', identity: person('eve') };
    await openConnection(sync.deps, stranger);
    await expect(subscribe(sync.deps, stranger, 'band-1')).rejects.toBeInstanceOf(ForbiddenError);
    expect(await sync.connections.subscriptionsOfConnection('c-eve')).toEqual([]);
    expect(presenceFrames(sync, 'c-leo')).toEqual([]);
  });
});
