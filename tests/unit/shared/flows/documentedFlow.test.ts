import { describe, expect, it } from 'vitest';
import { eventContracts } from '../../../../shared/contracts/eventCatalog.ts';
import { defineModule, type ModuleManifestInput } from '../../../../shared/contracts/moduleManifest.ts';
import { PLATFORM_ENV } from '../../../../shared/contracts/platformEnvironment.ts';
import { documentedFlow } from '../../../../shared/flows/documentedFlow.ts';
import { flowEdges } from '../../../../shared/flows/flowEdges.ts';
import { PLATFORM_FLOWS } from '../../../../shared/flows/platformFlows.ts';
import { renderSequenceDiagram } from '../../../../shared/flows/renderSequenceDiagram.ts';
import { buildPlatformModel } from '../../../../shared/platformModel/buildPlatformModel.ts';
import { functionEnvironment } from '../../../../shared/platformModel/functionEnvironment.ts';
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

  it('requires the steps of the conditions that hold in a run, and keeps the other branches optional', async () => {
    const model = await loadPlatformModel();
    const update = PLATFORM_FLOWS.find((f) => f.id === 'file-update') as (typeof PLATFORM_FLOWS)[number];
    const fileAdded = [
      'drive.file_added from drive reaches content',
      'content publishes content.updated',
      'content.updated from content reaches sync',
      'content.updated from content reaches dashboard',
      'dashboard calls content content_service.recentlyAdded',
      'dashboard.module_updated from dashboard reaches sync',
    ];
    const documented = flowEdges(documentedFlow(model, update).steps);
    for (const edge of fileAdded) expect(documented.optional).toContain(edge);

    const run = flowEdges(
      documentedFlow(model, update, ['a new file', 'a member of the band has a prepared dashboard']).steps,
    );
    for (const edge of fileAdded) expect(run.required).toContain(edge);
    expect(run.optional).toContain('drive.file_changed from drive reaches content');
    expect(run.optional).toContain('content.deleted from content reaches sync');
    expect(run.required).not.toContain('drive.file_changed from drive reaches content');

    // A removed file refreshes the dashboards too (their Recently added drops it).
    const removal = flowEdges(
      documentedFlow(model, update, [
        'a removed file',
        'the file was in the catalogue',
        'a member of the band has a prepared dashboard',
      ]).steps,
    );
    expect(removal.required).toContain('content.deleted from content reaches dashboard');
    expect(removal.required).toContain('dashboard.module_updated from dashboard reaches sync');
  });

  it('refuses a run condition the flow does not have', async () => {
    const model = await loadPlatformModel();
    const update = PLATFORM_FLOWS.find((f) => f.id === 'file-update') as (typeof PLATFORM_FLOWS)[number];
    expect(() => documentedFlow(model, update, ['a new file', 'a file was renamed'])).toThrow(
      /Flow "file-update" has no step under "a file was renamed"/,
    );
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

  it('routes every platform event to core’s observer, and tells every function that reactions are traced', async () => {
    const model = await loadPlatformModel();
    const observer = model.rules.find((r) => r.module === 'core' && r.observesAllEvents);
    expect(observer?.pattern).toEqual({ source: [{ prefix: 'soleil.' }] });
    const fn = model.functions.find((f) => f.id === 'dashboard-onUserLoggedIn');
    const env = functionEnvironment(model, fn as (typeof model.functions)[number], {
      stage: 'test',
      eventBusName: 'bus',
      serviceCatalogTable: 'catalog',
      tableName: (id) => id,
      configValue: () => undefined,
    });
    expect(env[PLATFORM_ENV.flowTrace]).toBe('on');
    const withoutCore = { ...model, rules: model.rules.filter((r) => !r.observesAllEvents) };
    expect(
      functionEnvironment(withoutCore, fn as (typeof model.functions)[number], {
        stage: 'test',
        eventBusName: 'bus',
        serviceCatalogTable: 'catalog',
        tableName: (id) => id,
        configValue: () => undefined,
      })[PLATFORM_ENV.flowTrace],
    ).toBeUndefined();
  });
});
