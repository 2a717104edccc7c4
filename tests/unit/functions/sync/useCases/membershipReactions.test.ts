import { describe, expect, it } from 'vitest';
import { subscribe } from '../../../../../functions/sync/useCases/bandSubscriptions.ts';
import {
  applyPermissionChange,
  closeUserConnections,
  prepareChannel,
} from '../../../../../functions/sync/useCases/membershipReactions.ts';
import type { EventData } from '../../../../../shared/contracts/eventCatalog.ts';
import { ForbiddenError } from '../../../../../shared/runtime/index.ts';
import {
  connectedMember,
  inMemorySyncDependencies,
  seat,
} from '../../../../helpers/sync/inMemorySyncDependencies.ts';

const T1 = '2026-06-01T12:00:00.000Z';
const T2 = '2026-06-01T12:00:05.000Z';
const T3 = '2026-06-01T12:00:09.000Z';

const login = (memberships: EventData<'auth.user_logged_in'>['memberships']) =>
  ({
    userId: 'ana',
    email: 'ana@example.com',
    name: 'Ana',
    method: 'dev',
    sessionId: 'session-1',
    firstLogin: false,
    memberships,
    instruments: ['trumpet'],
  }) satisfies EventData<'auth.user_logged_in'>;

const revoked = (bandId: string): EventData<'auth.permission_updated'> => ({
  bandId,
  userId: 'ana',
  change: 'revoked',
  role: null,
  previousRole: 'member',
  changedBy: 'leo',
});

const promoted = (bandId: string): EventData<'auth.permission_updated'> => ({
  bandId,
  userId: 'ana',
  change: 'role_changed',
  role: 'leader',
  previousRole: 'member',
  changedBy: 'leo',
});

const ana = (connectionId: string) => ({
  connectionId,
  identity: {
    userId: 'ana',
    email: 'ana@example.com',
    name: 'Ana',
    memberships: [],
    instruments: ['trumpet' as const],
  },
});

/** A connection of Ana's with no subscription yet (what `$connect` leaves). */
const connect = async (sync: ReturnType<typeof inMemorySyncDependencies>, connectionId: string) =>
  sync.connections.putConnection({
    connectionId,
    userId: 'ana',
    instruments: ['trumpet'],
    connectedAt: T1,
    expiresAt: 2_000_000_000,
  });

describe('the prepared channel against events in any order', () => {
  it('a sign-in handled after a later revocation does not bring the band back', async () => {
    const sync = inMemorySyncDependencies(new Date(T3));
    await connect(sync, 'c1');
    // Auth removed Ana from band-a at T2; the sign-in event of T1 reaches sync only afterwards.
    await applyPermissionChange(sync.deps, revoked('band-a'), T2);
    const { prepared } = await prepareChannel(
      sync.deps,
      login([
        { bandId: 'band-a', role: 'member' },
        { bandId: 'band-b', role: 'member' },
      ]),
      T1,
    );
    expect(prepared).toBe(1);

    await expect(subscribe(sync.deps, ana('c1'), 'band-a')).rejects.toBeInstanceOf(ForbiddenError);
    expect(sync.memberships.calls).toBe(1); // the revocation sent subscribe to auth, which said no
    expect(await sync.connections.subscriptionsOfConnection('c1')).toEqual([]);

    const callsBefore = sync.memberships.calls;
    expect(await subscribe(sync.deps, ana('c1'), 'band-b')).toMatchObject({ role: 'member' });
    expect(sync.memberships.calls).toBe(callsBefore); // answered from the prepared channel
  });

  it('a sign-in after a revocation prepares the band again (re-added meanwhile)', async () => {
    const sync = inMemorySyncDependencies(new Date(T3));
    await connect(sync, 'c1');
    await applyPermissionChange(sync.deps, revoked('band-a'), T1);
    await prepareChannel(sync.deps, login([{ bandId: 'band-a', role: 'member' }]), T2);
    expect(await subscribe(sync.deps, ana('c1'), 'band-a')).toMatchObject({ role: 'member' });
    expect(sync.memberships.calls).toBe(0);
  });

  it('a membership change at the same instant as a sign-in wins over it, whichever comes first', async () => {
    for (const order of ['login first', 'change first'] as const) {
      const sync = inMemorySyncDependencies(new Date(T3));
      await connect(sync, 'c1');
      const steps = [
        () => prepareChannel(sync.deps, login([{ bandId: 'band-a', role: 'member' }]), T2),
        () => applyPermissionChange(sync.deps, revoked('band-a'), T2),
      ];
      for (const step of order === 'login first' ? steps : steps.reverse()) await step();
      await expect(subscribe(sync.deps, ana('c1'), 'band-a'), order).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it('does not prepare a sign-in older than any access token it issued, and asks auth then', async () => {
    const sync = inMemorySyncDependencies(new Date('2026-06-01T14:00:01.000Z'));
    await connect(sync, 'c1');
    expect(await prepareChannel(sync.deps, login([{ bandId: 'band-a', role: 'leader' }]), T1)).toEqual({
      prepared: 0,
    });
    sync.memberships.roles.set('band-a/ana', 'member');
    expect(await subscribe(sync.deps, ana('c1'), 'band-a')).toMatchObject({ role: 'member' });
    expect(sync.memberships.calls).toBe(1);
  });
});

describe('membership changes on open connections', () => {
  it('a role change applies to the open subscriptions and to the next subscribe', async () => {
    const sync = inMemorySyncDependencies(new Date(T3));
    await connectedMember(sync.connections, seat('c1', 'ana', 'band-a', 'member'));
    await connect(sync, 'c2');
    await prepareChannel(sync.deps, login([{ bandId: 'band-a', role: 'member' }]), T1);

    expect(await applyPermissionChange(sync.deps, promoted('band-a'), T2)).toEqual({ unsubscribed: 0 });
    expect((await sync.connections.subscriptionsOfConnection('c1'))[0]?.role).toBe('leader');
    expect(await subscribe(sync.deps, ana('c2'), 'band-a')).toMatchObject({ role: 'leader' });
    expect(sync.memberships.calls).toBe(0);
    expect(sync.pusher.to('c1').filter((m) => m.type === 'unsubscribed')).toEqual([]);
  });

  it('a revocation unsubscribes each of the member’s connections in the band at once and tells them', async () => {
    const sync = inMemorySyncDependencies(new Date(T3));
    await connectedMember(sync.connections, seat('c1', 'ana', 'band-a', 'member'));
    await connectedMember(sync.connections, seat('c2', 'ana', 'band-b', 'member'));
    await connectedMember(sync.connections, seat('c3', 'leo', 'band-a', 'leader'));

    expect(await applyPermissionChange(sync.deps, revoked('band-a'), T2)).toEqual({ unsubscribed: 1 });
    expect(await sync.connections.subscriptionsOfConnection('c1')).toEqual([]);
    expect(await sync.connections.subscriptionsOfConnection('c2')).toHaveLength(1);
    expect(sync.pusher.to('c1')).toEqual([
      { type: 'unsubscribed', bandId: 'band-a', reason: 'membership_revoked' },
    ]);
    expect(sync.pusher.to('c3')).toEqual([
      { type: 'presence', bandId: 'band-a', online: ['leo'], joined: [], left: ['ana'] },
    ]);
  });

  it('a sign-out closes every connection of the user (DeleteConnection), forgets them and tells the band once', async () => {
    const sync = inMemorySyncDependencies(new Date(T3));
    await connectedMember(sync.connections, seat('c1', 'ana', 'band-a', 'member'));
    await connectedMember(sync.connections, seat('c2', 'ana', 'band-a', 'member'));
    await connectedMember(sync.connections, seat('c3', 'leo', 'band-a', 'leader'));

    expect(await closeUserConnections(sync.deps, 'ana')).toEqual({ closed: 2 });
    expect(sync.pusher.disconnected.sort()).toEqual(['c1', 'c2']);
    expect(await sync.connections.allConnectionIds()).toEqual(['c3']);
    expect(await sync.connections.subscriptionsOfBand('band-a')).toHaveLength(1);
    // Ana's second device left with the first: the band hears she left once, when she is no longer online.
    expect(sync.pusher.to('c3')).toEqual([
      { type: 'presence', bandId: 'band-a', online: ['leo'], joined: [], left: ['ana'] },
    ]);
  });
});

describe('a revocation racing a subscribe', () => {
  it('takes back a subscription written while the member was being removed', async () => {
    const sync = inMemorySyncDependencies(new Date(T3));
    await connect(sync, 'c1');
    await connectedMember(sync.connections, seat('c-leo', 'leo', 'band-a', 'leader'));
    await prepareChannel(sync.deps, login([{ bandId: 'band-a', role: 'member' }]), T1);
    // The revocation is handled after subscribe read the role and before its subscription is written: its
    // handler finds no subscription to end.
    const write = sync.connections.subscribe.bind(sync.connections);
    sync.connections.subscribe = async (subscription) => {
      expect(await applyPermissionChange(sync.deps, revoked('band-a'), T2)).toEqual({ unsubscribed: 0 });
      return write(subscription);
    };

    await expect(subscribe(sync.deps, ana('c1'), 'band-a')).rejects.toBeInstanceOf(ForbiddenError);
    expect(await sync.connections.subscriptionsOfConnection('c1')).toEqual([]);
    expect(sync.pusher.to('c-leo')).toEqual([]); // never announced as online
  });
});
