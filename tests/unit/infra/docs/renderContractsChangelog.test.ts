import { describe, expect, it } from 'vitest';
import { renderContractsChangelog } from '../../../../infra/docs/renderContractsChangelog.ts';
import type { ContractsLock } from '../../../../shared/contracts/compatibility/ContractsSnapshot.ts';

const lock: ContractsLock = {
  events: {
    'library.chart_filed': {
      owner: 'library',
      version: 2,
      bandScoped: true,
      published: true,
      description: 'A chart was filed.',
      data: {},
      previousVersions: [{ version: 1, acceptedUntil: '2027-03-31', data: {} }],
    },
    'library.chart_lost': {
      owner: 'library',
      version: 1,
      bandScoped: true,
      published: false,
      description: 'A chart was lost.',
      data: {},
      previousVersions: [],
    },
  },
  services: {
    'library.chart_service': {
      module: 'library',
      name: 'chart_service',
      version: 1,
      description: 'Charts.',
      usedBy: ['dashboard'],
      operations: { getChart: { description: 'One chart.', input: {}, output: {} } },
    },
  },
  changelog: [
    { date: '2026-11-24', changes: ['Lock created: 2 events, 1 service.'] },
    { date: '2026-12-01', changes: ['event library.chart_filed v1: version replaced by v2 | see notes'] },
  ],
};

describe('renderContractsChangelog', () => {
  const markdown = renderContractsChangelog(lock);

  it('lists each event with its version, whether it is published, and the versions still accepted', () => {
    expect(markdown).toContain('| `library.chart_filed` | library | 2 | yes | v1 until 2027-03-31 |');
    expect(markdown).toContain('| `library.chart_lost` | library | 1 | not yet (draft) | — |');
    expect(markdown).toContain('| `library.chart_service` | 1 | dashboard | `getChart` |');
  });

  it('lists the changes newest first, escaping table pipes', () => {
    expect(markdown.indexOf('### 2026-12-01')).toBeLessThan(markdown.indexOf('### 2026-11-24'));
    expect(markdown).toContain('- event library.chart_filed v1: version replaced by v2 \\| see notes');
  });
});
