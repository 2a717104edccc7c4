import '../../../../helpers/quietPowertools.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as createGigHandler } from '../../../../../functions/content/handlers/createGig.ts';
import { handler as deleteGigHandler } from '../../../../../functions/content/handlers/deleteGig.ts';
import { handler as getGigHandler } from '../../../../../functions/content/handlers/getGig.ts';
import { handler as getSongHandler } from '../../../../../functions/content/handlers/getSong.ts';
import { handler as listGigsHandler } from '../../../../../functions/content/handlers/listGigs.ts';
import { handler as listNonconformingHandler } from '../../../../../functions/content/handlers/listNonconforming.ts';
import { handler as listSongsHandler } from '../../../../../functions/content/handlers/listSongs.ts';
import { handler as putPersonnelHandler } from '../../../../../functions/content/handlers/putPersonnel.ts';
import { handler as putSetlistHandler } from '../../../../../functions/content/handlers/putSetlist.ts';
import { handler as reconcileHandler } from '../../../../../functions/content/handlers/reconcile.ts';
import { handler as renameSongHandler } from '../../../../../functions/content/handlers/renameSong.ts';
import { handler as respondToOfferHandler } from '../../../../../functions/content/handlers/respondToOffer.ts';
import { handler as updateGigHandler } from '../../../../../functions/content/handlers/updateGig.ts';
import type { ContentDependencies } from '../../../../../functions/content/useCases/ContentDependencies.ts';
import { createGig } from '../../../../../functions/content/useCases/gigCommands.ts';
import { getGig } from '../../../../../functions/content/useCases/gigQueries.ts';
import { rememberLogin } from '../../../../../functions/content/useCases/keepMembers.ts';
import type { Identity } from '../../../../../shared/contracts/identity.ts';
import type { HttpEvent } from '../../../../../shared/runtime/http/HttpRequest.ts';
import { PROBLEM_CONTENT_TYPE } from '../../../../../shared/runtime/index.ts';
import { fullBandLibrary, seedCatalogue } from '../../../../helpers/contentLibrary.ts';
import { type ContentTestBed, startContentTestBed } from '../../../../helpers/contentTestBed.ts';
import { httpEvent, lambdaContext } from '../../../../helpers/httpEvents.ts';

// Every public route of content, in process, over DynamoDB Local (content's real stores) with auth and drive
// stubbed: whatever the path, query or body, the answer is never a 5xx, and what is refused is problem+json.
const holder = vi.hoisted(() => ({ deps: undefined as ContentDependencies | undefined }));
vi.mock('../../../../../functions/content/wiring/contentDependencies.ts', () => ({
  contentDependencies: Object.assign(() => holder.deps, { reset: () => undefined }),
}));

const LEAD = 'band-lead';
const PLAY = 'band-play';
const OTHER = 'band-other';
const identity: Identity = {
  userId: 'user-1',
  email: 'ana@example.com',
  name: 'Ana',
  memberships: [
    { bandId: LEAD, role: 'leader' },
    { bandId: PLAY, role: 'member' },
  ],
  instruments: ['trumpet'],
};

type Handler = (event: HttpEvent, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
interface Route {
  readonly name: string;
  readonly method: string;
  readonly params: readonly ('songKey' | 'gigId')[];
  readonly body: boolean;
  readonly handler: Handler;
}
const ROUTES: readonly Route[] = [
  {
    name: 'listSongs',
    method: 'GET',
    params: [],
    body: false,
    handler: listSongsHandler as unknown as Handler,
  },
  {
    name: 'getSong',
    method: 'GET',
    params: ['songKey'],
    body: false,
    handler: getSongHandler as unknown as Handler,
  },
  {
    name: 'renameSong',
    method: 'PATCH',
    params: ['songKey'],
    body: true,
    handler: renameSongHandler as unknown as Handler,
  },
  {
    name: 'listNonconforming',
    method: 'GET',
    params: [],
    body: false,
    handler: listNonconformingHandler as unknown as Handler,
  },
  {
    name: 'reconcile',
    method: 'POST',
    params: [],
    body: true,
    handler: reconcileHandler as unknown as Handler,
  },
  {
    name: 'createGig',
    method: 'POST',
    params: [],
    body: true,
    handler: createGigHandler as unknown as Handler,
  },
  {
    name: 'listGigs',
    method: 'GET',
    params: [],
    body: false,
    handler: listGigsHandler as unknown as Handler,
  },
  {
    name: 'getGig',
    method: 'GET',
    params: ['gigId'],
    body: false,
    handler: getGigHandler as unknown as Handler,
  },
  {
    name: 'updateGig',
    method: 'PATCH',
    params: ['gigId'],
    body: true,
    handler: updateGigHandler as unknown as Handler,
  },
  {
    name: 'deleteGig',
    method: 'DELETE',
    params: ['gigId'],
    body: false,
    handler: deleteGigHandler as unknown as Handler,
  },
  {
    name: 'putSetlist',
    method: 'PUT',
    params: ['gigId'],
    body: true,
    handler: putSetlistHandler as unknown as Handler,
  },
  {
    name: 'putPersonnel',
    method: 'PUT',
    params: ['gigId'],
    body: true,
    handler: putPersonnelHandler as unknown as Handler,
  },
  {
    name: 'respondToOffer',
    method: 'POST',
    params: ['gigId'],
    body: true,
    handler: respondToOfferHandler as unknown as Handler,
  },
];

let bed: ContentTestBed;
let otherGig: string;
let ownGig: string;

beforeAll(async () => {
  bed = await startContentTestBed();
  holder.deps = bed.deps;
  for (const bandId of [LEAD, PLAY, OTHER])
    await seedCatalogue(bed.deps.catalogue, bandId, fullBandLibrary(30));
  await rememberLogin(
    bed.deps,
    {
      userId: identity.userId,
      email: identity.email,
      name: identity.name,
      method: 'dev',
      sessionId: 's-1',
      firstLogin: false,
      memberships: identity.memberships,
      instruments: identity.instruments,
    },
    '2026-06-01T00:00:00.000Z',
  );
  bed.directory.set(`${OTHER}/user-2`, { role: 'leader', instruments: ['piano'] });
  const details = {
    date: '2026-12-31',
    name: 'NYE',
    venue: null,
    loadIn: null,
    downbeat: null,
    dressCode: null,
    notes: null,
    status: 'tentative' as const,
  };
  ownGig = (await createGig(bed.deps, { bandId: LEAD, userId: identity.userId }, details)).gigId;
  otherGig = (await createGig(bed.deps, { bandId: OTHER, userId: 'user-2' }, details)).gigId;
}, 120_000);

afterAll(() => bed?.stop());

/** Band ids: the caller's (leader, member), another band's, and anything at all. */
const bandIdArb = () =>
  fc.oneof(fc.constantFrom(LEAD, PLAY, OTHER), fc.string({ maxLength: 200 }), fc.string({ unit: 'binary' }));
const songKeyArb = fc.oneof(
  fc.constantFrom('tune00001', 'tune00002', 'nosuchsong'),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
);
const gigIdArb = () =>
  fc.oneof(
    fc.constantFrom(ownGig, otherGig, 'no-such-gig'),
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary' }),
  );
const queryArb = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 }), { maxKeys: 4 }),
  fc.record(
    {
      instrument: fc.oneof(fc.constantFrom('trumpet', 'piano', 'kazoo', ''), fc.string()),
      view: fc.oneof(fc.constantFrom('mine', 'all', 'some'), fc.string()),
      cursor: fc.oneof(fc.string({ maxLength: 3000 }), fc.base64String()),
      limit: fc.oneof(fc.integer({ min: -5, max: 500 }).map(String), fc.string()),
      selection: fc.oneof(fc.constantFrom('upcoming', 'completed', 'pending', 'all', 'past'), fc.string()),
    },
    { requiredKeys: [] },
  ),
);
/** Bodies of every shape: junk text, any JSON, and the routes' own fields holding odd values. */
const bodyArb = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.json(),
  fc
    .record(
      {
        displayTitle: fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null)),
        date: fc.oneof(fc.constantFrom('2026-12-31', '2026-02-30', '31/12/2026'), fc.string()),
        name: fc.oneof(fc.string({ maxLength: 250 }), fc.constant(null)),
        venue: fc.oneof(fc.string(), fc.integer()),
        status: fc.oneof(fc.constantFrom('confirmed', 'cancelled', 'maybe'), fc.string()),
        downbeat: fc.oneof(fc.constantFrom('21:00', '25:61'), fc.string()),
        accept: fc.oneof(fc.boolean(), fc.string()),
        sets: fc.oneof(
          fc.array(
            fc.record({
              name: fc.string(),
              songs: fc.array(
                fc.record({ songKey: songKeyArb, durationSeconds: fc.oneof(fc.integer(), fc.double()) }),
                { maxLength: 3 },
              ),
            }),
            { maxLength: 3 },
          ),
          fc.string(),
        ),
        chairs: fc.oneof(
          fc.array(
            fc.record({
              userId: fc.oneof(fc.constantFrom('user-1', 'user-2'), fc.string()),
              instrument: fc.oneof(fc.constantFrom('trumpet', 'kazoo'), fc.string()),
            }),
            { maxLength: 3 },
          ),
          fc.integer(),
        ),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
);

const call = async (
  route: Route,
  input: {
    bandId: string;
    songKey?: string;
    gigId?: string;
    query?: Record<string, string> | undefined;
    body?: string | undefined;
  },
) => {
  const pathParameters: Record<string, string> = { bandId: input.bandId };
  if (route.params.includes('songKey')) pathParameters.songKey = input.songKey ?? '';
  if (route.params.includes('gigId')) pathParameters.gigId = input.gigId ?? '';
  const event = httpEvent({
    method: route.method,
    path: `/api/content/bands/${encodeURIComponent(input.bandId)}`,
    pathParameters,
    identity,
    ...(input.query ? { query: input.query } : {}),
    ...(route.body && input.body !== undefined ? { body: input.body } : {}),
  });
  return (await route.handler(event, lambdaContext(route.name))) as {
    statusCode: number;
    headers?: Record<string, string>;
    body?: string;
  };
};

const expectNoServerError = (response: Awaited<ReturnType<typeof call>>) => {
  expect(response.statusCode, response.body).toBeLessThan(500);
  if (response.statusCode >= 400) {
    expect(response.headers?.['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(JSON.parse(response.body ?? '')).toMatchObject({ status: response.statusCode });
  }
};

describe('content routes (fuzz): any input answers below 500, refusals as problem+json', () => {
  for (const route of ROUTES) {
    it(`${route.method} ${route.name}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          bandIdArb(),
          songKeyArb,
          gigIdArb(),
          queryArb,
          bodyArb,
          async (bandId, songKey, gigId, query, body) => {
            expectNoServerError(await call(route, { bandId, songKey, gigId, query, body }));
          },
        ),
        { numRuns: 120 },
      );
    });
  }
});

describe('content routes refuse what is malformed with a 4xx', () => {
  /** A path parameter no id can be: empty, too long, or with characters ids never hold. */
  const badId = fc.oneof(
    fc.constant(''),
    fc.string({ minLength: 129, maxLength: 400 }).map((s) => `a${s.replace(/[^A-Za-z0-9]/g, 'x')}`),
    fc.string({ minLength: 1 }).map((s) => `x/${s}`),
    fc.constantFrom('../etc', 'a b', 'ü', '-lead'),
  );
  for (const route of ROUTES) {
    it(`${route.method} ${route.name}: a malformed band id`, async () => {
      await fc.assert(
        fc.asyncProperty(badId, queryArb, bodyArb, async (bandId, query, body) => {
          const response = await call(route, { bandId, songKey: 'tune00001', gigId: ownGig, query, body });
          expectNoServerError(response);
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: 60 },
      );
    });
  }
  for (const route of ROUTES.filter((r) => r.body)) {
    it(`${route.method} ${route.name}: a body that is not a JSON object`, async () => {
      const notAnObject = fc.oneof(
        fc.string().filter((s) => {
          try {
            const parsed = JSON.parse(s);
            return typeof parsed !== 'object' || parsed === null || Array.isArray(parsed);
          } catch {
            return true;
          }
        }),
        fc
          .jsonValue()
          .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
          .map((v) => JSON.stringify(v)),
      );
      await fc.assert(
        fc.asyncProperty(notAnObject, async (body) => {
          const response = await call(route, { bandId: LEAD, songKey: 'tune00001', gigId: ownGig, body });
          expectNoServerError(response);
          // The reconcile route reads no body: it answers whatever it is sent with its report.
          if (route.name !== 'reconcile') expect(response.statusCode).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: 60 },
      );
    });
  }
});

/** A body each route accepts, so only the band decides the answer. */
const validBody = (route: Route): string | undefined =>
  ({
    renameSong: JSON.stringify({ displayTitle: 'Taken Over' }),
    createGig: JSON.stringify({ date: '2026-12-31', name: 'Taken over' }),
    updateGig: JSON.stringify({ name: 'Taken over' }),
    putSetlist: JSON.stringify({ sets: [] }),
    putPersonnel: JSON.stringify({ chairs: [] }),
    respondToOffer: JSON.stringify({ accept: true }),
  })[route.name];

describe('another band’s ids', () => {
  it('refuses every route of a band the caller does not belong to with 403', async () => {
    for (const route of ROUTES) {
      const response = await call(route, {
        bandId: OTHER,
        songKey: 'tune00001',
        gigId: otherGig,
        body: validBody(route),
      });
      expect(response.statusCode, `${route.name}: ${response.body}`).toBe(403);
    }
  });

  it('does not find another band’s gig through the caller’s own band (404)', async () => {
    for (const route of ROUTES.filter((r) => r.params.includes('gigId'))) {
      const response = await call(route, {
        bandId: LEAD,
        gigId: otherGig,
        body: validBody(route),
      });
      expect(response.statusCode, `${route.name}: ${response.body}`).toBe(404);
    }
    const untouched = await getGig(bed.deps, { bandId: OTHER, gigId: otherGig, userId: 'user-2' });
    expect(untouched).toMatchObject({ gigId: otherGig, name: 'NYE' });
  });
});
