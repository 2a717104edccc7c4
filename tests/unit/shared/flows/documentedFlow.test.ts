import { describe, expect, it } from 'vitest';
import { eventContracts } from '../../../../shared/contracts/eventCatalog.ts';
import { defineModule, type ModuleManifestInput } from '../../../../shared/contracts/moduleManifest.ts';
import { documentedFlow } from '../../../../shared/flows/documentedFlow.ts';
import { flowEdges } from '../../../../shared/flows/flowEdges.ts';
import { PLATFORM_FLOWS } from '../../../../shared/flows/platformFlows.ts';
import { renderSequenceDiagram } from '../../../../shared/flows/renderSequenceDiagram.ts';
import { buildPlatformModel } from '../../../../shared/platformModel/buildPlatformModel.ts';
import { loadPlatformModel } from '../../../../shared/platformModel/loadPlatformModel.ts';
import { PlatformModelError } from '../../../../shared/platformModel/PlatformModelError.ts';

const base = (name: string, rest: Partial<ModuleManifestInput>): ModuleManifestInput => ({
  name,
  version: '1.0.0',
  description: `The ${name} module of a test.`,
  critical: false,
  publishes: [],
  subscriptions: [],
  routes: [],
  services: [],
  health: { handler: 'handlers/health.handler' },
  ...rest,
});

describe('documentedFlow (the repository model)', () => {
  it('fans a sign-in out to the four login reactions, with dashboard’s calls and what it publishes', async () => {
    const model = await loadPlatformModel();
    const login = PLATFORM_FLOWS.find((f) => f.id === 'login');
    const edges = flowEdges(documentedFlow(model, login as (typeof PLATFORM_FLOWS)[number]).steps);
    for (const module of ['content', 'dashboard', 'drive', 'sync']) {
      expect(edges.required).toContain(`auth.user_logged_in from auth reaches ${module}`);
    }
    expect(edges.required).toContain('dashboard calls content content_service.upcomingGigs');
    expect(edges.required).toContain('dashboard.module_updated from dashboard reaches sync');
    // Drive's library refresh happens only for a library not synced lately.
    expect(edges.optional).toContain('drive publishes drive.sync_started');
    // Core's trace observes every event and is no participant.
    expect([...edges.required, ...edges.optional].some((e) => e.includes('reaches core'))).toBe(false);
  });

  it('renders a sequence diagram with an opt block per condition', async () => {
    const model = await loadPlatformModel();
    const update = PLATFORM_FLOWS.find((f) => f.id === 'file-update');
    const diagram = renderSequenceDiagram(documentedFlow(model, update as (typeof PLATFORM_FLOWS)[number]));
    expect(diagram).toContain('drive-)content: drive.file_added');
    expect(diagram).toContain('content-)sync: content.updated');
    expect(diagram).toContain('opt a member of the band has a prepared dashboard');
  });
});

describe('reactions in the model', () => {
  const build = (modules: ModuleManifestInput[]) =>
    buildPlatformModel(modules.map(defineModule), { eventContracts });

  it('refuses a reaction publishing an event its module does not publish, or calling a service it does not use', () => {
    const modules = [
      base('auth', { publishes: ['auth.user_logged_in'] }),
      base('drive', {
        subscriptions: [
          {
            id: 'onLogin',
            events: ['auth.user_logged_in'],
            handler: 'handlers/onLogin.handler',
            reactions: [
              { publishes: ['drive.file_added'], calls: ['content/content_service.recentlyAdded'] },
            ],
          },
        ],
      }),
    ];
    expect(() => build(modules)).toThrow(PlatformModelError);
    expect(() => build(modules)).toThrow(/publishing "drive.file_added", which "drive" does not publish/);
    expect(() => build(modules)).toThrow(
      /call to "content\/content_service", which "drive" does not list in uses/,
    );
  });

  it('adds core’s trace service to the uses of every reacting module when core serves it, and nowhere else', async () => {
    const model = await loadPlatformModel();
    const usesTrace = (m: string) =>
      model.modules
        .find((x) => x.name === m)
        ?.uses.some((u) => u.module === 'core' && u.service === 'trace_service');
    expect(usesTrace('dashboard')).toBe(true);
    expect(usesTrace('auth')).toBe(false);
    expect(usesTrace('core')).toBe(false);
    const observer = model.rules.find((r) => r.module === 'core');
    expect(observer?.pattern).toEqual({ source: [{ prefix: 'soleil.' }] });
  });
});
