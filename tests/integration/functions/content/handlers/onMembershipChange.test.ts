import '../../../../helpers/quietPowertools.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler } from '../../../../../functions/content/handlers/onMembershipChange.ts';
import type { ContentDependencies } from '../../../../../functions/content/useCases/ContentDependencies.ts';
import { listSongs } from '../../../../../functions/content/useCases/listSongs.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../../infra/local/shared/localNames.ts';
import type { EventData } from '../../../../../shared/contracts/eventCatalog.ts';
import { fullBandLibrary, seedCatalogue } from '../../../../helpers/contentLibrary.ts';
import { type ContentTestBed, startContentTestBed } from '../../../../helpers/contentTestBed.ts';
import { eventBridgeEvent } from '../../../../helpers/eventFixtures.ts';
import { lambdaContext } from '../../../../helpers/httpEvents.ts';

// The login reaction and membership changes, through the subscription's handler (the kit's once-per-event on
// content's idempotency table) into content's member table on DynamoDB Local; auth's directory stubbed.
const holder = vi.hoisted(() => ({ deps: undefined as ContentDependencies | undefined }));
vi.mock('../../../../../functions/content/wiring/contentDependencies.ts', () => ({
  contentDependencies: Object.assign(() => holder.deps, { reset: () => undefined }),
}));

let bed: ContentTestBed;
let asked: string[];

const loggedIn = (occurredAt: string, data: Partial<EventData<'auth.user_logged_in'>> = {}) =>
  eventBridgeEvent({
    name: 'auth.user_logged_in',
    source: 'soleil.auth',
    data: {
      userId: 'ana',
      email: 'ana@example.com',
      name: 'Ana',
      method: 'dev',
      sessionId: 's-1',
      firstLogin: false,
      memberships: [
        { bandId: 'band-1', role: 'member' },
        { bandId: 'band-2', role: 'leader' },
      ],
      instruments: ['trumpet', 'violin'],
      ...data,
    },
    // Not band-scoped: its metadata names no band.
    metadata: { occurredAt, bandId: undefined },
  });

const permission = (occurredAt: string, data: Partial<EventData<'auth.permission_updated'>>) =>
  eventBridgeEvent({
    name: 'auth.permission_updated',
    source: 'soleil.auth',
    data: {
      bandId: 'band-1',
      userId: 'ana',
      change: 'granted',
      role: 'member',
      previousRole: null,
      changedBy: 'lead',
      ...data,
    },
    metadata: { occurredAt, bandId: data.bandId ?? 'band-1' },
  });

const songs = (userId: string, bandId = 'band-1') =>
  listSongs(bed.deps, { bandId, userId, cursor: null, limit: 50 });

beforeAll(async () => {
  bed = await startContentTestBed();
  // The kit's idempotency store is a DynamoDB client of its own, built from the environment.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: bed.dynamo.endpoint,
    AWS_REGION: LOCAL_AWS_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
    SOLEIL_MODULE: 'content',
    SOLEIL_EVENT_BUS_NAME: 'soleil-test',
  });
  asked = [];
  holder.deps = {
    ...bed.deps,
    directory: {
      membership: async (bandId, userId) => {
        asked.push(`${bandId}/${userId}`);
        return bed.directory.get(`${bandId}/${userId}`) ?? { role: null, instruments: [] };
      },
    },
  };
  await seedCatalogue(bed.deps.catalogue, 'band-1', fullBandLibrary(20));
}, 120_000);

afterAll(() => bed?.stop());

describe('content’s login reaction (auth.user_logged_in)', () => {
  it('keeps the member’s role and instrument filter per band, so GET songs needs nothing from auth', async () => {
    await handler(loggedIn('2026-06-01T10:00:00.000Z'), lambdaContext('content-onMembershipChange'));
    expect(await bed.deps.members.member('band-1', 'ana')).toMatchObject({
      role: 'member',
      instruments: ['trumpet', 'violin'],
    });
    expect(await bed.deps.members.member('band-2', 'ana')).toMatchObject({ role: 'leader' });
    const mine = await listSongs(holder.deps as ContentDependencies, {
      bandId: 'band-1',
      userId: 'ana',
      cursor: null,
      limit: 50,
    });
    expect(asked).toEqual([]);
    // trumpet reads Bb, violin Concert: exactly those charts.
    expect(new Set(mine.songs.flatMap((s) => s.charts.map((c) => c.token)))).toEqual(
      new Set(['Bb', 'Concert']),
    );
    // The bands go on the reconciliation schedule's list.
    expect((await bed.deps.catalogue.bandsToReconcile('9999', 10)).sort()).toEqual(['band-1', 'band-2']);
  });

  it('lets a newer login change the filter and an older one, arriving late, change nothing', async () => {
    await handler(loggedIn('2026-06-02T10:00:00.000Z', { instruments: ['alto_sax'] }), lambdaContext());
    await handler(loggedIn('2026-06-01T12:00:00.000Z', { instruments: ['tuba'] }), lambdaContext());
    expect((await bed.deps.members.member('band-1', 'ana'))?.instruments).toEqual(['alto_sax']);
    const charts = (await songs('ana')).songs.flatMap((s) => s.charts.map((c) => c.token));
    expect(new Set(charts)).toEqual(new Set(['Eb']));
  });
});

describe('membership changes (auth.permission_updated)', () => {
  it('shuts a revoked member out at once, whatever auth would still answer', async () => {
    bed.directory.set('band-1/ana', { role: 'member', instruments: ['alto_sax'] });
    await handler(
      permission('2026-06-03T10:00:00.000Z', { change: 'revoked', role: null, previousRole: 'member' }),
      lambdaContext(),
    );
    await expect(songs('ana')).rejects.toMatchObject({ name: 'ForbiddenError' });
  });

  it('asks auth for the instruments of a member content never heard of, and keeps them on a role change', async () => {
    bed.directory.set('band-1/ben', { role: 'member', instruments: ['trombone'] });
    await handler(permission('2026-06-03T10:00:00.000Z', { userId: 'ben' }), lambdaContext());
    expect(asked).toEqual(['band-1/ben']);
    expect(await bed.deps.members.member('band-1', 'ben')).toMatchObject({
      role: 'member',
      instruments: ['trombone'],
    });
    await handler(
      permission('2026-06-04T10:00:00.000Z', {
        userId: 'ben',
        change: 'role_changed',
        role: 'leader',
        previousRole: 'member',
      }),
      lambdaContext(),
    );
    expect(asked).toEqual(['band-1/ben']);
    expect(await bed.deps.members.member('band-1', 'ben')).toMatchObject({
      role: 'leader',
      instruments: ['trombone'],
    });
  });

  it('handles a redelivered event once', async () => {
    const event = permission('2026-06-05T10:00:00.000Z', { userId: 'cleo' });
    bed.directory.set('band-1/cleo', { role: 'member', instruments: ['voice'] });
    await handler(event, lambdaContext());
    await handler(event, lambdaContext());
    expect(asked.filter((a) => a === 'band-1/cleo')).toHaveLength(1);
  });
});
