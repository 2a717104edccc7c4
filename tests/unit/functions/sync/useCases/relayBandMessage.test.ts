import { describe, expect, it, vi } from 'vitest';
import { bandMessageFor } from '../../../../../functions/sync/domain/bandMessages.ts';
import { PUSH_RETRIES, ROOM_PAGE_SIZE } from '../../../../../functions/sync/domain/syncLimits.ts';
import { relayBandMessage } from '../../../../../functions/sync/useCases/relayBandMessage.ts';
import type { EventData } from '../../../../../shared/contracts/eventCatalog.ts';
import {
  connectedMember,
  inMemorySyncDependencies,
  seat,
} from '../../../../helpers/sync/inMemorySyncDependencies.ts';

const chart = (fileId: string): EventData<'content.updated'> => ({
  bandId: 'band-1',
  fileId,
  fileName: `${fileId}_Bb.pdf`,
  kind: 'chart',
  change: 'added',
  songId: 'misty',
  displayTitle: 'Misty',
  token: 'Bb',
  instruments: ['trumpet'],
  allMembers: false,
});

const planOf = (data: EventData<'content.updated'>) => {
  const plan = bandMessageFor('content.updated', data);
  if (!plan) throw new Error('content.updated is relayed');
  return plan;
};

/** A leader, a trumpet player, an alto player (the chart is not theirs) and a second trumpet player. */
const band = async () => {
  const sync = inMemorySyncDependencies();
  await connectedMember(sync.connections, seat('c-leo', 'leo', 'band-1', 'leader'));
  await connectedMember(sync.connections, seat('c-ana', 'ana', 'band-1', 'member', ['trumpet']));
  await connectedMember(sync.connections, seat('c-sam', 'sam', 'band-1', 'member', ['alto_sax']));
  await connectedMember(sync.connections, seat('c-tom', 'tom', 'band-1', 'member', ['trumpet']));
  return sync;
};

describe('relayBandMessage', () => {
  it('relays an event handled twice under one sequence number with one log entry', async () => {
    const sync = await band();
    const first = await relayBandMessage(sync.deps, planOf(chart('f1')), 'event-1');
    const again = await relayBandMessage(sync.deps, planOf(chart('f1')), 'event-1');
    const other = await relayBandMessage(sync.deps, planOf(chart('f2')), 'event-2');

    expect([first.outcome.seq, again.outcome.seq, other.outcome.seq]).toEqual([1, 1, 2]);
    expect([first.outcome.fresh, again.outcome.fresh]).toEqual([true, false]);
    expect((await sync.log.entriesAfter('band-1', 0, 10)).map((e) => e.seq)).toEqual([1, 2]);
    expect(await sync.log.lastSeq('band-1')).toBe(2);
    // The retry pushed again (the first attempt may have reached nobody), under the same number.
    expect(sync.pusher.to('c-ana').map((m) => [m.fileId, m.seq])).toEqual([
      ['f1', 1],
      ['f1', 1],
      ['f2', 2],
    ]);
    expect(again.announcement).toMatchObject({ fileId: 'f1', sequence: 1 });
  });

  it('retries a throttled push, then counts one that keeps failing as failed; a refused one is not retried', async () => {
    const sync = await band();
    sync.pusher.failing.set('c-ana', { status: 429, times: 1 }); // throttled once, then delivered
    sync.pusher.failing.set('c-tom', { status: 500, times: 99 }); // fails on every attempt
    sync.pusher.failing.set('c-leo', { status: 403, times: 99 }); // forbidden: a retry will not help

    const { outcome, announcement } = await relayBandMessage(sync.deps, planOf(chart('f1')), 'event-1');

    expect(outcome).toEqual({ seq: 1, fresh: true, recipients: 3, delivered: 1, gone: 0, failed: 2 });
    expect(sync.pusher.to('c-ana')).toHaveLength(1);
    expect(sync.pusher.to('c-tom')).toEqual([]);
    expect(sync.pusher.failing.get('c-tom')?.times).toBe(99 - (1 + PUSH_RETRIES));
    expect(sync.pusher.failing.get('c-leo')?.times).toBe(98);
    expect(sync.pusher.to('c-sam')).toEqual([]); // an alto player: the B♭ chart is not theirs
    expect(announcement).toEqual({
      bandId: 'band-1',
      fileId: 'f1',
      sequence: 1,
      recipients: 3,
      delivered: 1,
      gone: 0,
      failed: 2,
      action: 'added',
    });
  });

  it('prunes a gone connection (410), tells the band its user left, and counts it in sync.file_updated', async () => {
    const sync = await band();
    sync.pusher.gone.add('c-tom');

    const { outcome, announcement } = await relayBandMessage(sync.deps, planOf(chart('f1')), 'event-1');

    expect(outcome).toMatchObject({ recipients: 3, delivered: 2, gone: 1, failed: 0 });
    expect(announcement).toMatchObject({ delivered: 2, gone: 1, failed: 0, recipients: 3 });
    expect(await sync.connections.getConnection('c-tom')).toBeUndefined();
    expect((await sync.connections.subscriptionsOfBand('band-1')).map((s) => s.userId)).toEqual([
      'ana',
      'leo',
      'sam',
    ]);
    expect(sync.pusher.to('c-sam').at(-1)).toEqual({
      type: 'presence',
      bandId: 'band-1',
      online: ['ana', 'leo', 'sam'],
      joined: [],
      left: ['tom'],
    });
  });

  it('announces file messages only: a gig update reaches every member and is not a sync.file_updated', async () => {
    const sync = await band();
    const plan = bandMessageFor('content.gig_updated', {
      bandId: 'band-1',
      gigId: 'gig-1',
      change: 'created',
      date: '2026-12-24',
      status: 'confirmed',
      changedBy: 'leo',
      members: ['leo', 'ana', 'sam', 'tom'],
    });
    if (!plan) throw new Error('content.gig_updated is relayed');
    const { outcome, announcement } = await relayBandMessage(sync.deps, plan, 'event-gig');
    expect(announcement).toBeNull();
    expect(outcome).toMatchObject({ recipients: 4, delivered: 4 });
    expect(sync.pusher.to('c-sam')).toEqual([
      { type: 'gig_updated', bandId: 'band-1', gigId: 'gig-1', change: 'created', seq: 1 },
    ]);
  });

  it('sends a dashboard widget’s news to its user’s connections only, read from the user’s own subscriptions', async () => {
    const sync = await band();
    // Ana's second device, and her subscription to another band, which the message must not reach.
    await connectedMember(sync.connections, seat('c-ana2', 'ana', 'band-1', 'member', ['trumpet']));
    await connectedMember(sync.connections, seat('c-ana3', 'ana', 'band-2', 'member', ['trumpet']));
    const bandWide = vi.spyOn(sync.connections, 'subscriptionsOfBand');
    const plan = bandMessageFor('dashboard.module_updated', {
      bandId: 'band-1',
      userId: 'ana',
      widget: 'recently_added',
      reason: 'content_changed',
    });
    if (!plan) throw new Error('dashboard.module_updated is relayed');
    const { outcome } = await relayBandMessage(sync.deps, plan, 'event-dashboard');
    expect(outcome).toMatchObject({ recipients: 2, delivered: 2 });
    expect(bandWide).not.toHaveBeenCalled();
    for (const connectionId of ['c-ana', 'c-ana2']) {
      expect(sync.pusher.to(connectionId)).toEqual([
        {
          type: 'dashboard_updated',
          bandId: 'band-1',
          widget: 'recently_added',
          reason: 'content_changed',
          seq: 1,
        },
      ]);
    }
    // Not the leader (a widget is its user's own), not Ana's subscription to another band.
    expect(sync.pusher.to('c-leo')).toEqual([]);
    expect(sync.pusher.to('c-ana3')).toEqual([]);
  });

  it('pushes each page of a large room while the next page is read, and reaches the whole room', async () => {
    const sync = inMemorySyncDependencies();
    const size = ROOM_PAGE_SIZE * 2 + 7;
    for (let i = 0; i < size; i++) {
      const id = `c-${String(i).padStart(4, '0')}`;
      await connectedMember(sync.connections, seat(id, `user-${i}`, 'band-1', 'member', ['trumpet']));
    }
    // What happened in which order: a page asked of the store, a broadcast started, a broadcast finished.
    const steps: string[] = [];
    const pages = sync.connections.subscriptionPagesOfBand.bind(sync.connections);
    sync.connections.subscriptionPagesOfBand = async function* (bandId, pageSize) {
      const room = pages(bandId, pageSize)[Symbol.asyncIterator]();
      for (;;) {
        steps.push('read');
        const page = await room.next();
        if (page.done) return;
        yield page.value;
      }
    };
    const broadcast = sync.pusher.broadcast.bind(sync.pusher);
    sync.pusher.broadcast = async (ids, message) => {
      steps.push(`push ${[...ids].length}`);
      await new Promise((resolve) => setImmediate(resolve)); // API Gateway takes its time
      const result = await broadcast(ids, message);
      steps.push('pushed');
      return result;
    };

    const { outcome } = await relayBandMessage(sync.deps, planOf(chart('f1')), 'event-1');

    expect(outcome).toMatchObject({ recipients: size, delivered: size, failed: 0 });
    expect(new Set(sync.pusher.pushes.map((p) => p.connectionId)).size).toBe(size);
    // Each page's read is under way while the page before it is pushed.
    const page = `push ${ROOM_PAGE_SIZE}`;
    expect(steps).toEqual([
      'read',
      'read',
      page,
      'pushed',
      'read',
      page,
      'pushed',
      'read',
      'push 7',
      'pushed',
    ]);
  });
});
