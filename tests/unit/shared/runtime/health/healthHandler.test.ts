import '../../../../helpers/quietPowertools.ts';
import { describe, expect, it } from 'vitest';
import { healthHandler } from '../../../../../shared/runtime/index.ts';

const now = () => new Date('2025-01-01T00:00:00.000Z');

describe('healthHandler', () => {
  it('returns the module, the check status and detail, and when it checked', async () => {
    const handler = healthHandler(async () => ({ status: 'degraded', detail: 'catalog empty' }), {
      module: 'core',
      now,
    });
    expect(await handler()).toEqual({
      module: 'core',
      status: 'degraded',
      detail: 'catalog empty',
      checkedAt: '2025-01-01T00:00:00.000Z',
    });
  });

  it('reports down with the message when the check throws, instead of crashing', async () => {
    const handler = healthHandler(
      async () => {
        throw new Error('table not found');
      },
      { module: 'drive', now },
    );
    expect(await handler()).toEqual({
      module: 'drive',
      status: 'down',
      detail: 'table not found',
      checkedAt: '2025-01-01T00:00:00.000Z',
    });
  });
});
