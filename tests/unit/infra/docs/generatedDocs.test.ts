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
      channels: Record<string, { address: string }>;
    };
    expect(Object.values(asyncApi.channels).map((c) => c.address)).toEqual(model.events.map((e) => e.name));
    const openApi = JSON.parse(docs['openapi.json'] ?? '{}') as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const route of model.routes) {
      expect(openApi.paths[route.path]?.[route.method.toLowerCase()] !== undefined).toBe(!route.localOnly);
    }
  });
});
