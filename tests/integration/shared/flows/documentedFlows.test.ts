import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowTreeSteps } from '../../../../functions/core/domain/flowSteps.ts';
import type { FlowTree } from '../../../../functions/core/domain/flowTree.ts';
import type { EmbeddedPlatform } from '../../../../infra/local/startPlatform.ts';
import { documentedFlow } from '../../../../shared/flows/documentedFlow.ts';
import { flowDrift, flowEdges } from '../../../../shared/flows/flowEdges.ts';
import { PLATFORM_FLOWS } from '../../../../shared/flows/platformFlows.ts';
import { bandWithMembers, type SignedIn } from '../../../helpers/bandFixtures.ts';
import { getFlow } from '../../../helpers/flows/flowApi.ts';
import { startFlowPlatform } from '../../../helpers/flows/startFlowPlatform.ts';

// Every module of the repository on the embedded platform: each documented flow is run for real, read back
// from core's trace, and compared with docs/generated/flows.md's diagram (derived from the same model).
let platform: EmbeddedPlatform;
let band: { bandId: string; leader: SignedIn; members: SignedIn[] };

/** The documented edges of a flow, those under `holding` (the branch the run takes) required. */
const documented = (id: string, holding: readonly string[] = []) => {
  const start = PLATFORM_FLOWS.find((f) => f.id === id);
  if (!start) throw new Error(`no documented flow ${id}`);
  return flowEdges(documentedFlow(platform.model, start, holding).steps);
};

/** The trace of a flow once the platform is idle: every delivery (and so every reaction report) is done. */
const settledTrace = async (correlationId: string, token: string): Promise<FlowTree> => {
  await platform.router.idle();
  const answer = await getFlow(platform.urls.http, correlationId, token);
  expect(answer.status, answer.text).toBe(200);
  return answer.json as FlowTree;
};

const happened = (tree: FlowTree): Set<string> => {
  const edges = flowEdges(flowTreeSteps(tree));
  return new Set([...edges.required, ...edges.optional]);
};

beforeAll(async () => {
  platform = await startFlowPlatform();
  band = await bandWithMembers(
    platform.urls.http,
    { email: 'flow-lead@example.com', instruments: ['piano'] },
    [{ email: 'flow-horn@example.com', instruments: ['trumpet'] }],
  );
  await platform.router.idle();
}, 600_000);

afterAll(() => platform?.stop());

describe('the documented flows are the flows that happen', { timeout: 120_000 }, () => {
  it('login: a dev-login fans out exactly as docs/generated/flows.md draws it', async () => {
    const correlationId = `login-flow-${crypto.randomUUID()}`;
    const response = await fetch(`${platform.urls.http}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
      body: JSON.stringify({ email: 'flow-horn@example.com', instruments: ['trumpet'] }),
    });
    expect(response.status).toBe(200);
    const { accessToken } = (await response.json()) as { accessToken: string };
    const drift = flowDrift(documented('login'), happened(await settledTrace(correlationId, accessToken)));
    expect(drift).toEqual({ missing: [], extra: [] });
  });

  it('file update: a chart written into the band library folder flows as documented', async () => {
    // auth.band_created → drive binds the band's own folder; a change before that is ignored.
    await waitForLibrary(band.bandId, band.leader.accessToken);
    const bandDir = path.join(platform.folderRoots['drive-libraryFolders'] ?? '', band.bandId);
    await mkdir(bandDir, { recursive: true });
    const name = `Flow${Date.now()}_Bb.pdf`;
    const since = Date.now() - 1;
    await writeFile(path.join(bandDir, name), '%PDF-1.4 a chart\n');
    const added = await waitForEvent(since, 'drive.file_added', (data) => {
      const file = data.file as { name?: string } | undefined;
      return data.bandId === band.bandId && file?.name === name;
    });
    const trace = await settledTrace(added.correlationId, band.leader.accessToken);
    // A new file, in a band whose members signed in (their dashboards are prepared): drive → content →
    // content.updated → sync and dashboard must all take part; a run where one did not is missing steps.
    const run = documented('file-update', ['a new file', 'a member of the band has a prepared dashboard']);
    const drift = flowDrift(run, happened(trace));
    expect(drift).toEqual({ missing: [], extra: [] });
  });

  it('a drift is reported: a documented step that did not happen, a step nobody documented', () => {
    const docs = flowEdges([
      { kind: 'event', from: 'auth', to: 'drive', event: 'auth.user_logged_in' },
      {
        kind: 'optional',
        condition: 'sometimes',
        steps: [{ kind: 'event', from: 'drive', to: null, event: 'drive.sync_started' }],
      },
    ]);
    const actual = new Set([
      'auth publishes auth.user_logged_in',
      'auth.user_logged_in from auth reaches sync',
    ]);
    expect(flowDrift(docs, actual)).toEqual({
      missing: ['auth.user_logged_in from auth reaches drive'],
      extra: ['auth.user_logged_in from auth reaches sync'],
    });
  });
});

const waitForEvent = async (
  since: number,
  name: string,
  matches: (data: Record<string, unknown>) => boolean,
): Promise<{ correlationId: string }> => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = platform.archive
      .between(since, Date.now() + 1)
      .map((a) => a.event)
      .filter((e) => e['detail-type'] === name)
      .map((e) => e.detail as { data: Record<string, unknown>; metadata: { correlationId: string } })
      .find((d) => matches(d.data));
    if (found) return { correlationId: found.metadata.correlationId };
    if (Date.now() > deadline) throw new Error(`no ${name} within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const waitForLibrary = async (bandId: string, token: string): Promise<void> => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${platform.urls.http}/api/drive/bands/${bandId}/source`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    if (response.status === 200) return;
    if (Date.now() > deadline) throw new Error(`the library of band ${bandId} was not bound within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
