import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { snapshotContracts } from '../../../../../shared/contracts/compatibility/snapshotContracts.ts';
import { defineEvent, previousVersionOf } from '../../../../../shared/contracts/defineEvent.ts';
import { defineService } from '../../../../../shared/contracts/defineService.ts';

const V1 = z.object({ title: z.string() }).strict();
const V2 = z.object({ displayTitle: z.string() }).strict();

describe('snapshotContracts', () => {
  const snapshot = snapshotContracts({
    events: [
      defineEvent({
        name: 'library.chart_filed',
        owner: 'library',
        version: 2,
        bandScoped: false,
        description: 'A chart was filed.',
        data: V2,
        previousVersions: [
          previousVersionOf(V2)({
            version: 1,
            data: V1,
            acceptedUntil: '2027-03-31',
            upgrade: (v1) => ({ displayTitle: v1.title }),
          }),
        ],
      }),
    ],
    services: [
      defineService({
        module: 'library',
        name: 'chart_service',
        version: 1,
        description: 'Charts.',
        operations: {
          listCharts: {
            description: 'Charts, a page at a time.',
            input: z.object({ limit: z.number().default(20) }).strict(),
            output: z.object({ limit: z.number().default(20) }).strict(),
          },
        },
      }),
    ],
    published: new Set(['library.chart_filed']),
    usedBy: new Map([['library.chart_service', ['sync', 'dashboard']]]),
  });

  it('locks every version of an event that is still accepted, with its transition end', () => {
    const event = snapshot.events['library.chart_filed'];
    expect(event).toMatchObject({ owner: 'library', version: 2, published: true });
    expect(event?.data).toMatchObject({ required: ['displayTitle'] });
    expect(event?.previousVersions).toEqual([
      { version: 1, acceptedUntil: '2027-03-31', data: expect.objectContaining({ required: ['title'] }) },
    ]);
    expect(JSON.stringify(snapshot)).not.toContain('$schema');
  });

  it('locks a request as callers send it and an answer as callers receive it', () => {
    const service = snapshot.services['library.chart_service'];
    expect(service?.usedBy).toEqual(['dashboard', 'sync']);
    // A defaulted field need not be sent, but is always in the answer.
    expect(service?.operations.listCharts?.input.required).toBeUndefined();
    expect(service?.operations.listCharts?.output.required).toEqual(['limit']);
  });
});
