import type { EventData } from '../../shared/contracts/eventCatalog.ts';

/** Valid `drive.file_removed` data (band-scoped, owner drive). */
export const fileRemoved = (
  overrides: Partial<EventData<'drive.file_removed'>> = {},
): EventData<'drive.file_removed'> => ({
  bandId: 'band-1',
  fileId: 'file-1',
  name: 'AllOfMe_Bb.pdf',
  ...overrides,
});

/** Valid `system.warning` data (not band-scoped, owner core). */
export const systemWarning = (message = 'disk almost full'): EventData<'system.warning'> => ({
  module: 'core',
  code: 'disk',
  message,
  correlationId: null,
});

/** Valid `content.deleted` data (band-scoped, owner content). */
export const contentDeleted = (
  overrides: Partial<EventData<'content.deleted'>> = {},
): EventData<'content.deleted'> => ({
  bandId: 'band-1',
  fileId: 'file-1',
  fileName: 'AllOfMe_Bb.pdf',
  kind: 'chart',
  songId: 'all-of-me',
  token: 'Bb',
  instruments: ['trumpet'],
  allMembers: false,
  ...overrides,
});

/** An EventBridge event as a rule target receives it. */
export const eventBridgeEvent = (options: {
  name: string;
  source: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}) => ({
  version: '0',
  id: crypto.randomUUID(),
  'detail-type': options.name,
  source: options.source,
  account: '000000000000',
  time: '2025-01-01T00:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail: {
    metadata: {
      eventId: crypto.randomUUID(),
      schemaVersion: 1,
      correlationId: 'corr-1',
      causationId: null,
      occurredAt: '2025-01-01T00:00:00.000Z',
      hop: 0,
      bandId: 'band-1',
      producer: options.source.replace('soleil.', ''),
      ...options.metadata,
    },
    data: options.data,
  },
});
