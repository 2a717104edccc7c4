import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPlatform, startPlatform } from '../../../../infra/local/startPlatform.ts';

// Issue #9, finding 7: right after `npm start` said ready, the first health poll met cold containers, declared
// an emergency and answered 503 for a minute. The real modules, schedules on as `npm start` runs them.
let platform: EmbeddedPlatform;

beforeAll(async () => {
  platform = await startPlatform({
    ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
    dataDir: null,
    functionOutput: 'silent',
    log: () => undefined,
  });
}, 120_000);

afterAll(() => platform?.stop());

const healthStatus = async (): Promise<number> => {
  const response = await fetch(`${platform.urls.http}/api/system/health`);
  await response.arrayBuffer();
  return response.status;
};

const declared = (detailType: string) =>
  platform.archive.between(0, Date.now()).filter((e) => e.event['detail-type'] === detailType);

describe('the platform’s health right after start', () => {
  it('is up once the first poll (run at start) has seen every module, and declares no outage', async () => {
    const deadline = Date.now() + 30_000;
    let status = await healthStatus();
    while (status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await healthStatus();
    }
    expect(status).toBe(200);
    // A second poll, on warm containers, must not change the verdict either.
    const poll = platform.model.schedules.find((s) => s.module === 'core' && s.id.endsWith('pollHealth'));
    expect(poll).toBeDefined();
    await platform.schedules.trigger(poll?.id ?? '');
    expect(await healthStatus()).toBe(200);
    expect(declared('system.emergency')).toEqual([]);
  }, 60_000);
});
