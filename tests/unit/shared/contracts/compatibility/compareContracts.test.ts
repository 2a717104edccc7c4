import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { ContractsSnapshot } from '../../../../../shared/contracts/compatibility/ContractsSnapshot.ts';
import { compareContracts } from '../../../../../shared/contracts/compatibility/compareContracts.ts';
import { snapshotContracts } from '../../../../../shared/contracts/compatibility/snapshotContracts.ts';
import { defineEvent, previousVersionOf } from '../../../../../shared/contracts/defineEvent.ts';
import { defineService } from '../../../../../shared/contracts/defineService.ts';

const TODAY = '2026-11-24';

/** A fixture event `library.chart_filed` (published unless said otherwise) with the given data schema. */
const event = (data: z.ZodType, options: { version?: number; published?: boolean; owner?: string } = {}) =>
  snapshotContracts({
    events: [
      defineEvent({
        name: 'library.chart_filed',
        owner: options.owner ?? 'library',
        version: options.version ?? 1,
        bandScoped: true,
        description: 'A chart was filed.',
        data,
      }),
    ],
    services: [],
    published: new Set(options.published === false ? [] : ['library.chart_filed']),
  });

/** A fixture service `library.chart_service` (used by dashboard unless said otherwise) with `getChart`. */
const service = (
  input: z.ZodType,
  output: z.ZodType,
  extra: Record<string, z.ZodType> = {},
  usedBy: string[] = ['dashboard'],
) =>
  snapshotContracts({
    events: [],
    published: new Set(),
    usedBy: new Map([['library.chart_service', usedBy]]),
    services: [
      defineService({
        module: 'library',
        name: 'chart_service',
        version: 1,
        description: 'Charts.',
        operations: {
          getChart: { description: 'One chart.', input, output },
          ...Object.fromEntries(
            Object.entries(extra).map(([name, schema]) => [
              name,
              { description: name, input: schema, output: schema },
            ]),
          ),
        },
      }),
    ],
  });

const Kind = z.enum(['chart', 'audio']);
const ChartV1 = z
  .object({ bandId: z.string(), title: z.string().max(200), kind: Kind, pages: z.number().int().min(1) })
  .strict();

const breaking = (before: ContractsSnapshot, after: ContractsSnapshot, today = TODAY) =>
  compareContracts(before, after, today)
    .filter((c) => c.breaking)
    .map((c) => c.message);
const accepted = (before: ContractsSnapshot, after: ContractsSnapshot, today = TODAY) =>
  compareContracts(before, after, today)
    .filter((c) => !c.breaking)
    .map((c) => c.message);

describe('compareContracts, events (subscribers read what the owner publishes, both ways round)', () => {
  const before = event(ChartV1);
  const rejects = (after: z.ZodType, message: RegExp) => {
    const found = breaking(before, event(after));
    expect(found, JSON.stringify(found)).toEqual([expect.stringMatching(message)]);
  };

  it('accepts an unchanged contract with no change at all', () => {
    expect(compareContracts(before, event(ChartV1), TODAY)).toEqual([]);
  });

  it('accepts a new optional field, and records it', () => {
    expect(breaking(before, event(ChartV1.extend({ composer: z.string().optional() })))).toEqual([]);
    expect(accepted(before, event(ChartV1.extend({ composer: z.string().optional() })))).toEqual([
      'event library.chart_filed v1: data.composer added, optional',
    ]);
  });

  it('rejects a removed field, naming contract and field', () => {
    rejects(
      ChartV1.omit({ pages: true }),
      /^event library\.chart_filed v1: data\.pages removed — breaks: subscribers read it.*new event version/,
    );
  });

  it('rejects a renamed field as a removal and says what it may have become', () => {
    const renamed = ChartV1.omit({ title: true }).extend({ name: z.string().max(200) });
    const found = breaking(before, event(renamed));
    expect(found).toEqual([
      expect.stringMatching(
        /^event library\.chart_filed v1: data\.title removed \(renamed to name\?\) — breaks/,
      ),
      expect.stringMatching(
        /^event library\.chart_filed v1: data\.name added, required — breaks: events published before/,
      ),
    ]);
  });

  it('rejects a new required field', () => {
    rejects(
      ChartV1.extend({ composer: z.string() }),
      /data\.composer added, required — breaks: events published before the change lack it/,
    );
  });

  it('rejects a narrowed type: a removed enum value, a tighter bound, another type', () => {
    rejects(ChartV1.extend({ kind: z.enum(['chart']) }), /data\.kind no longer accepts "audio" — breaks/);
    rejects(
      ChartV1.extend({ title: z.string().max(100) }),
      /data\.title at most 100 characters \(was 200\) — breaks/,
    );
    rejects(ChartV1.extend({ pages: z.number().int().min(2) }), /data\.pages ≥ 2 \(was ≥ 1\) — breaks/);
    const retyped = breaking(before, event(ChartV1.extend({ pages: z.string() })));
    expect(retyped).toEqual([
      expect.stringMatching(/data\.pages no longer accepts numbers — breaks/),
      expect.stringMatching(/data\.pages now also accepts strings — breaks/),
    ]);
  });

  it('rejects a widened enum or a field made optional or nullable: subscribers meet what they do not handle', () => {
    rejects(
      ChartV1.extend({ kind: z.enum(['chart', 'audio', 'gig']) }),
      /data\.kind now accepts "gig" — breaks: subscribers meet values/,
    );
    rejects(
      ChartV1.extend({ title: z.string().max(200).optional() }),
      /data\.title became optional — breaks: subscribers rely on it/,
    );
    rejects(
      ChartV1.extend({ title: z.string().max(200).nullable() }),
      /data\.title now also accepts null — breaks/,
    );
  });

  it('rejects an optional field made required', () => {
    const withOptional = event(ChartV1.extend({ composer: z.string().optional() }));
    expect(breaking(withOptional, event(ChartV1.extend({ composer: z.string() })))).toEqual([
      expect.stringMatching(
        /data\.composer became required — breaks: events published before the change may lack it/,
      ),
    ]);
  });

  it('names nested fields by their path', () => {
    const Nested = z.object({
      bandId: z.string(),
      file: z.object({ tags: z.array(z.object({ label: z.string() })) }),
    });
    const Changed = z.object({
      bandId: z.string(),
      file: z.object({ tags: z.array(z.object({ label: z.number() })) }),
    });
    expect(breaking(event(Nested), event(Changed))[0]).toMatch(
      /data\.file\.tags\[\]\.label no longer accepts strings/,
    );
  });

  it('rejects removing a published event, a new owner, and a version going back', () => {
    expect(breaking(before, snapshotContracts({ events: [], services: [], published: new Set() }))).toEqual([
      expect.stringMatching(/^event library\.chart_filed v1: was removed while published — breaks/),
    ]);
    expect(breaking(before, event(ChartV1, { owner: 'archive' }))).toEqual([
      expect.stringMatching(/owner moved from library to archive — breaks: subscriptions match the source/),
    ]);
    expect(breaking(event(ChartV1, { version: 2 }), event(ChartV1, { version: 1 }))).toEqual([
      expect.stringMatching(/^event library\.chart_filed v2: version went back to 1 — breaks/),
    ]);
  });

  it('lets a draft (an event no module publishes yet) change freely, and lists the changes', () => {
    const draft = event(ChartV1, { published: false });
    const changed = event(ChartV1.omit({ pages: true }).extend({ kind: z.enum(['chart']) }), {
      published: false,
    });
    expect(breaking(draft, changed)).toEqual([]);
    expect(accepted(draft, changed)).toEqual([
      'event library.chart_filed v1: data.kind no longer accepts "audio"',
      'event library.chart_filed v1: data.pages removed',
    ]);
    expect(breaking(draft, snapshotContracts({ events: [], services: [], published: new Set() }))).toEqual(
      [],
    );
  });
});

describe('compareContracts, event versions with a declared transition', () => {
  const ChartV2 = ChartV1.omit({ title: true }).extend({ displayTitle: z.string() });
  const v2 = (previous: { data?: z.ZodType; acceptedUntil?: string }[]) =>
    snapshotContracts({
      events: [
        defineEvent({
          name: 'library.chart_filed',
          owner: 'library',
          version: 2,
          bandScoped: true,
          description: 'A chart was filed.',
          data: ChartV2,
          previousVersions: previous.map((p) =>
            previousVersionOf(ChartV2)({
              version: 1,
              data: p.data ?? ChartV1,
              acceptedUntil: p.acceptedUntil ?? '2027-03-31',
              upgrade: (old) => {
                const { title, ...rest } = old as z.infer<typeof ChartV1>;
                return { ...rest, displayTitle: title };
              },
            }),
          ),
        }),
      ],
      services: [],
      published: new Set(['library.chart_filed']),
    });
  const v1 = event(ChartV1);

  it('accepts an incompatible change as a new version while the previous one stays accepted', () => {
    expect(breaking(v1, v2([{}]))).toEqual([]);
    expect(accepted(v1, v2([{}]))).toEqual([
      'event library.chart_filed v1: version replaced by v2',
      'event library.chart_filed v1: accepted until 2027-03-31 (transition)',
    ]);
  });

  it('rejects a new version that drops the previous one, or keeps it changed', () => {
    expect(breaking(v1, v2([]))).toEqual([
      expect.stringMatching(
        /^event library\.chart_filed v1: version was replaced by v2 without a transition — breaks: .*previousVersions/,
      ),
    ]);
    expect(breaking(v1, v2([{ data: ChartV1.omit({ pages: true }) }]))).toEqual([
      expect.stringMatching(/^event library\.chart_filed v1: data\.pages removed — breaks/),
    ]);
  });

  it('rejects dropping a previous version or shortening its transition before it ends; accepts dropping it after', () => {
    const during = v2([{ acceptedUntil: '2027-03-31' }]);
    expect(breaking(during, v2([]), '2027-03-31')).toEqual([
      expect.stringMatching(
        /^event library\.chart_filed v1: was dropped from previousVersions — breaks: .*until 2027-03-31/,
      ),
    ]);
    expect(breaking(during, v2([{ acceptedUntil: '2027-01-31' }]))).toEqual([
      expect.stringMatching(/v1: acceptedUntil moved earlier, to 2027-01-31 \(was 2027-03-31\) — breaks/),
    ]);
    expect(breaking(during, v2([]), '2027-04-01')).toEqual([]);
    expect(accepted(during, v2([]), '2027-04-01')).toEqual([
      'event library.chart_filed v1: no longer accepted: its transition ended on 2027-03-31',
    ]);
  });
});

describe('compareContracts, services (the provider reads requests, callers read answers)', () => {
  const Role = z.enum(['leader', 'member']);
  const Input = z.object({ chartId: z.string(), format: z.enum(['pdf', 'png']) }).strict();
  const Output = z
    .object({ title: z.string(), role: Role, members: z.array(z.object({ role: Role })) })
    .strict();
  const before = service(Input, Output, { listCharts: z.object({}) });

  it('accepts what old callers cannot notice: optional or looser inputs, extra or narrower outputs', () => {
    const after = service(
      Input.extend({ format: z.enum(['pdf', 'png', 'svg']), page: z.number().optional() }),
      Output.extend({ role: z.enum(['leader']), pages: z.number() }),
      { listCharts: z.object({}) },
    );
    expect(breaking(before, after)).toEqual([]);
    expect(accepted(before, after)).toEqual([
      'service library.chart_service, operation getChart: input.format now accepts "svg"',
      'service library.chart_service, operation getChart: input.page added, optional',
      'service library.chart_service, operation getChart: output.role no longer accepts "member"',
      'service library.chart_service, operation getChart: output.pages added, required',
    ]);
    expect(
      breaking(
        before,
        service(Input.extend({ format: Input.shape.format.optional() }), Output, {
          listCharts: z.object({}),
        }),
      ),
    ).toEqual([]);
  });

  it('rejects a new required or a narrowed request field: callers do not send it or send what is refused', () => {
    expect(
      breaking(before, service(Input.extend({ page: z.number() }), Output, { listCharts: z.object({}) })),
    ).toEqual([
      expect.stringMatching(
        /^service library\.chart_service, operation getChart: input\.page added, required — breaks: callers do not send it; add a new operation/,
      ),
    ]);
    expect(
      breaking(
        before,
        service(Input.extend({ format: z.enum(['pdf']) }), Output, { listCharts: z.object({}) }),
      ),
    ).toEqual([
      expect.stringMatching(
        /input\.format no longer accepts "png" — breaks: callers may send values no longer accepted/,
      ),
    ]);
    expect(
      breaking(before, service(Input.omit({ format: true }), Output, { listCharts: z.object({}) })),
    ).toEqual([expect.stringMatching(/input\.format removed — breaks: callers still send it/)]);
  });

  it('rejects a removed, optional or widened response field: callers read it', () => {
    expect(
      breaking(before, service(Input, Output.omit({ title: true }), { listCharts: z.object({}) })),
    ).toEqual([
      expect.stringMatching(
        /^service library\.chart_service, operation getChart: output\.title removed — breaks: callers read it/,
      ),
    ]);
    expect(
      breaking(
        before,
        service(Input, Output.extend({ title: z.string().optional() }), { listCharts: z.object({}) }),
      ),
    ).toEqual([expect.stringMatching(/output\.title became optional — breaks/)]);
    const widened = Output.extend({
      members: z.array(z.object({ role: z.enum(['leader', 'member', 'guest']) })),
    });
    expect(breaking(before, service(Input, widened, { listCharts: z.object({}) }))).toEqual([
      expect.stringMatching(
        /output\.members\[\]\.role now accepts "guest" — breaks: callers meet values they do not handle/,
      ),
    ]);
  });

  it('rejects a removed operation and a removed service', () => {
    expect(breaking(before, service(Input, Output))).toEqual([
      expect.stringMatching(/^service library\.chart_service, operation listCharts: was removed — breaks/),
    ]);
    expect(breaking(before, snapshotContracts({ events: [], services: [], published: new Set() }))).toEqual([
      expect.stringMatching(/^service library\.chart_service: was removed — breaks: dashboard still use it/),
    ]);
  });

  it('lets a service no module uses change freely, and lists the changes', () => {
    const unused = service(Input, Output, { listCharts: z.object({}) }, []);
    expect(
      breaking(unused, service(Input.extend({ page: z.number() }), Output.omit({ title: true }), {}, [])),
    ).toEqual([]);
    expect(accepted(unused, service(Input, Output, {}, []))).toEqual([
      'service library.chart_service, operation listCharts: was removed',
    ]);
    expect(breaking(unused, snapshotContracts({ events: [], services: [], published: new Set() }))).toEqual(
      [],
    );
    expect(
      accepted(before, service(Input, Output, { listCharts: z.object({}) }, ['dashboard', 'sync'])),
    ).toEqual(['service library.chart_service: is used by dashboard, sync (was dashboard)']);
  });
});
