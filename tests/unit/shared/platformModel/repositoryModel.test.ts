import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadManifests,
  loadPlatformModel,
  repositoryRoot,
} from '../../../../shared/platformModel/loadPlatformModel.ts';

describe('the repository’s platform model', () => {
  it('loads and validates every module of functions/', async () => {
    const model = await loadPlatformModel();
    expect(model.modules.map((m) => m.name)).toContain('core');
    expect(model.routes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'GET', path: '/api/system/health', auth: 'public' }),
        expect.objectContaining({ method: 'GET', path: '/api/system/modules', auth: 'user' }),
      ]),
    );
    for (const fn of model.functions.filter((f) => !f.kit)) {
      expect(fn.entry.startsWith(`functions/${fn.module}/`)).toBe(true);
    }
    // auth commits its events through the kit's outbox; its drain runs the kit's handler.
    expect(model.functions.filter((f) => f.kit).map((f) => `${f.id} ${f.entry}`)).toEqual([
      'auth-drainOutbox shared/runtime/outbox/drainOutboxHandler.ts',
      'content-drainOutbox shared/runtime/outbox/drainOutboxHandler.ts',
      'dashboard-drainOutbox shared/runtime/outbox/drainOutboxHandler.ts',
      'drive-drainOutbox shared/runtime/outbox/drainOutboxHandler.ts',
    ]);
  });

  it('rejects a module whose folder and name differ', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'soleil-model-'));
    mkdirSync(path.join(dir, 'drive'));
    const contractsPath = path.join(repositoryRoot(), 'shared', 'contracts', 'moduleManifest.ts');
    writeFileSync(
      path.join(dir, 'drive', 'module.ts'),
      `import { defineModule } from ${JSON.stringify(contractsPath)};
export default defineModule({ name: 'content', version: '1.0.0', description: 'A misplaced module', critical: false,
  publishes: [], subscriptions: [], routes: [], services: [], health: { handler: 'handlers/health.handler' } });`,
    );
    await expect(loadManifests(dir)).rejects.toThrow(/functions\/drive\/module.ts declares module "content"/);
  });
});
