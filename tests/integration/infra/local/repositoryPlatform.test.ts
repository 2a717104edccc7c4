import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_ROUTE_CACHE_MS } from '../../../../functions/core/domain/healthPolicy.ts';
import { type EmbeddedPlatform, startPlatform } from '../../../../infra/local/startPlatform.ts';

// The real modules of this repository on the embedded platform, as `npm start` runs them (but in memory).
let platform: EmbeddedPlatform;

beforeAll(async () => {
  platform = await startPlatform({
    ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
    dataDir: null,
    schedules: false,
    functionOutput: 'silent',
    log: () => undefined,
  });
});

afterAll(() => platform?.stop());

interface HealthBody {
  status: string;
  modules: { name: string; status: string }[];
}

const health = async (): Promise<{ status: number; body: HealthBody }> => {
  const response = await fetch(`${platform.urls.http}/api/system/health`);
  return { status: response.status, body: (await response.json()) as HealthBody };
};

describe('embedded platform with the repository’s modules', () => {
  it('answers GET /api/system/health with every module of the model', async () => {
    const { body } = await health();
    expect(body.modules.map((m) => m.name).sort()).toEqual(platform.model.modules.map((m) => m.name).sort());
  });

  it('reports the modules’ health once the health poll schedule has run', async () => {
    const poll = platform.model.schedules.find((s) => s.module === 'core');
    expect(poll).toBeDefined();
    await platform.schedules.trigger(poll?.id ?? '');
    // The route reuses its catalog read for HEALTH_ROUTE_CACHE_MS: the read before the poll may still be served.
    const deadline = Date.now() + HEALTH_ROUTE_CACHE_MS + 5_000;
    let body = (await health()).body;
    while (body.modules.some((m) => m.status === 'unknown') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      body = (await health()).body;
    }
    expect(body.modules.filter((m) => m.status === 'unknown')).toEqual([]);
  });
});
