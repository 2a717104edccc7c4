import { describe, expect, it } from 'vitest';
import { renderModuleMap } from '../../../../infra/docs/renderModuleMap.ts';
import { eventContracts } from '../../../../shared/contracts/eventCatalog.ts';
import { buildPlatformModel } from '../../../../shared/platformModel/buildPlatformModel.ts';
import { DEFAULT_ROUTE_THROTTLE } from '../../../../shared/platformModel/modelConstants.ts';
import { fixtureManifest } from '../../../helpers/manifestFixtures.ts';

const route = (path: string, throttle?: { rateLimit: number; burstLimit: number }) => ({
  method: 'POST' as const,
  path,
  auth: 'public' as const,
  handler: 'handlers/a.handler',
  description: `Route ${path}`,
  ...(throttle ? { throttle } : {}),
});

const map = renderModuleMap(
  buildPlatformModel(
    [
      fixtureManifest('drive', {
        routes: [route('/api/drive/scan', { rateLimit: 2, burstLimit: 4 }), route('/api/drive/files')],
        metrics: [
          { name: 'FilesScanned', description: 'Files a scan looked at.' },
          { name: 'ScanFailed', description: 'Scans that failed.' },
        ],
        alarms: [
          {
            name: 'ScansFailing',
            metric: 'ScanFailed',
            threshold: 3,
            periodMinutes: 10,
            evaluationPeriods: 2,
            description: 'Libraries are out of date.',
          },
        ],
      }),
    ],
    { eventContracts },
  ),
);

describe('renderModuleMap', () => {
  it('shows the default route limits and each route’s own', () => {
    expect(map).toContain(
      `throttled at ${DEFAULT_ROUTE_THROTTLE.rateLimit} requests/s, burst ${DEFAULT_ROUTE_THROTTLE.burstLimit}`,
    );
    expect(map).toContain(
      '| POST | `/api/drive/scan` | public | 2 requests/s, burst 4 | Route /api/drive/scan |',
    );
    expect(map).toContain('| POST | `/api/drive/files` | public | default | Route /api/drive/files |');
  });

  it('lists the module’s metrics and its alarms with when they fire and what they mean', () => {
    expect(map).toContain('| `FilesScanned` | Count | Files a scan looked at. |');
    expect(map).toContain(
      '| `ScansFailing` | Sum of `ScanFailed` ≥ 3 per 10 min, 2 periods running | Libraries are out of date. |',
    );
  });
});
