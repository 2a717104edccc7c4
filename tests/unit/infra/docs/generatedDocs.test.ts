import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocs } from '../../../../infra/docs/renderDocs.ts';
import { loadPlatformModel, repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';

describe('generated docs', () => {
  it('are fresh: docs/generated matches the platform model (run `npm run docs` after changing a manifest or contract)', async () => {
    const root = repositoryRoot();
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    const rendered = renderDocs(await loadPlatformModel(), version);
    for (const [file, content] of Object.entries(rendered)) {
      const onDisk = path.join(root, 'docs', 'generated', file);
      expect(existsSync(onDisk), `docs/generated/${file} is missing: run npm run docs`).toBe(true);
      expect(readFileSync(onDisk, 'utf8'), `docs/generated/${file} is stale: run npm run docs`).toBe(content);
    }
  });

  it('document every event and every AWS route', async () => {
    const model = await loadPlatformModel();
    const docs = renderDocs(model, '0.0.0');
    const asyncApi = JSON.parse(docs['asyncapi.json'] ?? '{}') as {
      channels: Record<string, { address: string; messages: Record<string, unknown> }>;
      operations: Record<string, { action: string; channel: { $ref: string } }>;
    };
    const { websocket_sync: sync, ...eventChannels } = asyncApi.channels;
    expect(Object.values(eventChannels).map((c) => c.address)).toEqual(model.events.map((e) => e.name));
    // The WebSocket API of the module serving it: every client action received, every server message sent.
    expect(Object.keys(sync?.messages ?? {})).toEqual(
      expect.arrayContaining(['sync_client_subscribe', 'sync_client_resume', 'sync_server_file_updated']),
    );
    const syncOperations = Object.values(asyncApi.operations).filter(
      (o) => o.channel.$ref === '#/channels/websocket_sync',
    );
    expect(syncOperations.filter((o) => o.action === 'receive')).toHaveLength(5);
    expect(syncOperations.filter((o) => o.action === 'send').length).toBeGreaterThan(10);
    const openApi = JSON.parse(docs['openapi.json'] ?? '{}') as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const route of model.routes) {
      expect(openApi.paths[route.path]?.[route.method.toLowerCase()] !== undefined).toBe(!route.localOnly);
    }
  });
});
