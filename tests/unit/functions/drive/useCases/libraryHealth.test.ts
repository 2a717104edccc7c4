import { beforeEach, describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../../../../functions/drive/domain/sourceRecord.ts';
import {
  HEALTH_DETAIL_MAX,
  libraryHealth,
  STALE_LIBRARY_MS,
} from '../../../../../functions/drive/useCases/libraryHealth.ts';
import { folderSource, googleSource, InMemorySourceStore } from '../../../../helpers/inMemoryDriveStores.ts';

const NOW = new Date('2026-11-30T20:00:00.000Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
const synced = (bandId: string, secondsAgo: number, overrides: Partial<SourceRecord> = {}): SourceRecord => ({
  ...folderSource(bandId),
  lastSync: {
    syncId: `s-${bandId}`,
    at: ago(secondsAgo),
    trigger: 'schedule',
    added: 0,
    changed: 0,
    removed: 0,
    unchanged: 3,
  },
  ...overrides,
});

let sources: InMemorySourceStore;
let credentialsFail: boolean;
const health = () =>
  libraryHealth({
    sources,
    now: () => NOW,
    provisioning: {
      provider: 'folder',
      prepare: async () => undefined,
      shareWith: async () => {
        if (credentialsFail)
          throw Object.assign(new Error('bad key'), { name: 'InvalidServiceAccountKeyError' });
        return null;
      },
    },
  });

beforeEach(() => {
  sources = new InMemorySourceStore();
  credentialsFail = false;
});

describe('libraryHealth: the drive’s health, with each band’s last successful sync age', () => {
  it('is ok when every bound library synced within the hour, and names each band’s age', async () => {
    sources.rows.set('band-a', synced('band-a', 30));
    sources.rows.set('band-b', synced('band-b', 600));
    expect(await health()).toEqual({
      status: 'ok',
      detail:
        '2 bound, 0 failing, 0 stale (backlog); oldest sync 600 s ago; ' +
        'last successful sync per band: band-b 600 s, band-a 30 s',
    });
  });

  it('is degraded by a stale or never-synced library, listed first; a failing one keeps its last success', async () => {
    sources.rows.set('band-fresh', synced('band-fresh', 5));
    sources.rows.set('band-stale', synced('band-stale', STALE_LIBRARY_MS / 1000 + 60));
    sources.rows.set('band-new', folderSource('band-new'));
    sources.rows.set(
      'band-failing',
      synced('band-failing', 120, { lastError: { at: ago(10), message: 'Google Drive unavailable' } }),
    );
    // Unbound Google sources are not libraries yet: not counted, not listed.
    sources.rows.set('band-unbound', { ...googleSource('band-unbound', 'x'), sourceFolderId: null });
    const result = await health();
    expect(result.status).toBe('degraded');
    expect(result.detail).toBe(
      '4 bound, 1 failing, 2 stale (backlog); oldest sync never; last successful sync per band: ' +
        `band-new never, band-stale ${STALE_LIBRARY_MS / 1000 + 60} s, band-failing 120 s, band-fresh 5 s`,
    );
  });

  it('keeps the detail within 1,000 characters with many bands: the stalest shown, the rest counted', async () => {
    for (let i = 0; i < 200; i++) {
      const bandId = `band-${String(i).padStart(3, '0')}-${'x'.repeat(20)}`;
      sources.rows.set(bandId, synced(bandId, 100 + i));
    }
    const detail = (await health()).detail ?? '';
    expect(detail.length).toBeLessThanOrEqual(HEALTH_DETAIL_MAX);
    expect(detail).toContain(`band-199-${'x'.repeat(20)} 299 s, band-198`);
    const shown =
      detail
        .split('per band: ')[1]
        ?.split(', ')
        .filter((p) => p.startsWith('band-')).length ?? 0;
    expect(detail).toMatch(new RegExp(`… ${200 - shown} more$`));
    expect(shown).toBeGreaterThan(10);
  });

  it('is down when the credentials cannot be read, and ok with no library at all', async () => {
    credentialsFail = true;
    expect(await health()).toEqual({
      status: 'down',
      detail: 'credentials unusable: InvalidServiceAccountKeyError',
    });
    credentialsFail = false;
    expect(await health()).toEqual({
      status: 'ok',
      detail: '0 bound, 0 failing, 0 stale (backlog); oldest sync 0 s ago',
    });
  });
});
