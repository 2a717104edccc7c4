import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { eventContracts, findEventContract } from '../../../../shared/contracts/eventCatalog.ts';
import { eventDetailSchema } from '../../../../shared/contracts/eventEnvelope.ts';

/** The event names DOMAIN.md lists, and those issues added since; the catalog must hold exactly these. */
const DOMAIN_EVENTS = [
  'auth.band_created',
  'auth.user_logged_in',
  'auth.user_logged_out',
  'auth.token_refreshed',
  'auth.permission_updated',
  'drive.file_added',
  'drive.file_changed',
  'drive.file_removed',
  'drive.folder_created',
  'drive.sync_started',
  'drive.sync_completed',
  'drive.changes_notified',
  'content.parsed',
  'content.updated',
  'content.deleted',
  'content.metadata_changed',
  'content.gig_updated',
  'content.catalogue_reconciled',
  'sync.started',
  'sync.completed',
  'sync.failed',
  'sync.progress',
  'sync.file_updated',
  'dashboard.module_updated',
  'dashboard.preference_changed',
  'system.error',
  'system.warning',
  'system.health_check',
  'system.module_registered',
  'system.module_unregistered',
  'system.emergency',
];

const metadata = (overrides: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  schemaVersion: 1,
  correlationId: 'corr-1',
  causationId: null,
  occurredAt: '2026-11-24T10:00:00.000Z',
  hop: 0,
  producer: 'drive',
  ...overrides,
});

describe('event contracts', () => {
  it('cover exactly the events of DOMAIN.md, each once', () => {
    expect(eventContracts.map((c) => c.name).sort()).toEqual([...DOMAIN_EVENTS].sort());
  });

  it('each have one owner: the module before the dot (system events belong to core)', () => {
    for (const c of eventContracts) {
      const prefix = c.name.split('.')[0];
      expect(c.owner, c.name).toBe(prefix === 'system' ? 'core' : prefix);
    }
  });

  it('a band-scoped event carries bandId in its data', () => {
    for (const c of eventContracts.filter((e) => e.bandScoped)) {
      const schema = z.toJSONSchema(c.data) as { properties?: Record<string, unknown> };
      expect(Object.keys(schema.properties ?? {}), c.name).toContain('bandId');
    }
  });

  it('generate JSON Schema for every event', () => {
    for (const c of eventContracts) {
      expect(z.toJSONSchema(c.data), c.name).toMatchObject({ type: 'object' });
    }
  });

  it('validate a well-formed envelope and refuse a malformed one', () => {
    const contract = findEventContract('drive.file_removed');
    if (!contract) throw new Error('drive.file_removed has no contract');
    const schema = eventDetailSchema(contract.data);
    const data = { bandId: 'band-1', fileId: 'f-1', name: 'AllOfMe_Bb.pdf' };
    expect(schema.safeParse({ metadata: metadata({ bandId: 'band-1' }), data }).success).toBe(true);
    expect(schema.safeParse({ metadata: metadata({ hop: 17 }), data }).success).toBe(false);
    expect(schema.safeParse({ metadata: metadata({ eventId: 'nope' }), data }).success).toBe(false);
    expect(schema.safeParse({ metadata: metadata(), data: { ...data, extra: 1 } }).success).toBe(false);
    expect(schema.safeParse({ metadata: metadata(), data: { ...data, bandId: 'bad id!' } }).success).toBe(
      false,
    );
  });
});
