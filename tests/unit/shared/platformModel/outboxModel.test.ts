import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localFunctionEnvironment } from '../../../../infra/local/functions/functionEnvironment.ts';
import { eventContracts } from '../../../../shared/contracts/eventCatalog.ts';
import { buildPlatformModel } from '../../../../shared/platformModel/buildPlatformModel.ts';
import { functionEntryPath } from '../../../../shared/platformModel/functionEntryPath.ts';
import { repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';
import { PlatformModelError } from '../../../../shared/platformModel/PlatformModelError.ts';
import { fixtureManifest } from '../../../helpers/manifestFixtures.ts';

const build = (...manifests: ReturnType<typeof fixtureManifest>[]) =>
  buildPlatformModel(manifests, { eventContracts });

const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof PlatformModelError) return error.problems;
    throw error;
  }
  throw new Error('expected the platform model to be rejected');
};

const dashboard = (overrides: Parameters<typeof fixtureManifest>[1] = {}) =>
  fixtureManifest('dashboard', { publishes: ['dashboard.preference_changed'], outbox: true, ...overrides });
const drive = fixtureManifest('drive', { publishes: ['drive.file_added'] });

describe('outbox: true in the platform model', () => {
  it("gives the module an outbox table, a drainOutbox schedule and a function running the kit's drain", () => {
    const model = build(dashboard(), drive);
    expect(model.modules.find((m) => m.name === 'dashboard')?.outbox).toBe(true);
    expect(model.tables.filter((t) => t.name === 'outbox')).toEqual([
      {
        id: 'dashboard-outbox',
        module: 'dashboard',
        name: 'outbox',
        envVar: 'SOLEIL_TABLE_OUTBOX',
        partitionKey: { name: 'eventId', type: 'S' },
        sortKey: null,
        indexes: [],
        ttlAttribute: 'expiresAt',
        implicit: true,
        localOnly: false,
      },
    ]);
    expect(model.schedules).toEqual([
      expect.objectContaining({
        id: 'dashboard-drainOutbox',
        module: 'dashboard',
        scheduleId: 'drainOutbox',
        rateMinutes: 1,
        functionId: 'dashboard-drainOutbox',
      }),
    ]);
    const drain = model.functions.find((f) => f.id === 'dashboard-drainOutbox');
    expect(drain).toMatchObject({
      module: 'dashboard',
      kit: true,
      entry: 'shared/runtime/outbox/drainOutboxHandler.ts',
      exportName: 'handler',
      roles: ['schedule'],
      timeoutSeconds: 60,
    });
    expect(drain?.tables).toContain('dashboard-outbox');
  });

  it("declares the outbox's metrics and its alarm for the module, which may alarm on them too", () => {
    const model = build(
      dashboard({
        metrics: [{ name: 'WidgetsComputed', description: 'Widgets computed.' }],
        alarms: [
          {
            name: 'ManyRepublished',
            metric: 'OutboxRepublished',
            threshold: 100,
            description: 'A bus outage.',
          },
        ],
      }),
      drive,
    );
    expect(model.metrics.map((m) => `${m.module} ${m.name}`)).toEqual([
      'dashboard WidgetsComputed',
      'dashboard OutboxPublishFailed',
      'dashboard OutboxRepublished',
    ]);
    expect(model.alarms.map((a) => a.id)).toEqual([
      'dashboard-ManyRepublished',
      'dashboard-OutboxPublishFailing',
    ]);
    expect(model.alarms.find((a) => a.id === 'dashboard-OutboxPublishFailing')).toMatchObject({
      metric: 'OutboxPublishFailed',
      statistic: 'Sum',
      threshold: 1,
      periodMinutes: 5,
      evaluationPeriods: 3,
    });
  });

  it('gives a module without the flag neither table, schedule, drain nor outbox metrics', () => {
    const model = build(dashboard(), drive);
    expect(model.metrics.filter((m) => m.module === 'drive')).toEqual([]);
    expect(model.alarms.filter((a) => a.module === 'drive')).toEqual([]);
    expect(model.modules.find((m) => m.name === 'drive')?.outbox).toBe(false);
    expect(model.tables.filter((t) => t.module === 'drive')).toEqual([]);
    expect(model.schedules.filter((s) => s.module === 'drive')).toEqual([]);
    expect(model.functions.filter((f) => f.module === 'drive').map((f) => f.id)).toEqual(['drive-health']);
  });

  it('runs the drain in the module’s name with its outbox table (locally as in AWS)', () => {
    const model = build(dashboard(), drive);
    const drain = model.functions.find((f) => f.id === 'dashboard-drainOutbox');
    if (!drain) throw new Error('no drain function');
    const env = localFunctionEnvironment(model, drain, { dynamodb: 'http://db', aws: 'http://aws' });
    expect(env.SOLEIL_MODULE).toBe('dashboard');
    expect(env.SOLEIL_TABLE_OUTBOX).toBe('soleil-dashboard-outbox');
  });

  it("resolves the drain's entry to the kit file in the repository, whatever folder the modules come from", () => {
    const model = build(dashboard());
    const drain = model.functions.find((f) => f.kit);
    if (!drain) throw new Error('no drain function');
    const file = functionEntryPath(drain, '/somewhere/else', repositoryRoot());
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/export const handler\b/);
    const health = model.functions.find((f) => f.id === 'dashboard-health');
    if (!health) throw new Error('no health function');
    expect(functionEntryPath(health, '/somewhere/else', repositoryRoot())).toBe(
      '/somewhere/else/functions/dashboard/handlers/health.ts',
    );
  });

  it("does not look for the kit's drain in the module's folder", () => {
    const asked: string[] = [];
    buildPlatformModel([dashboard()], {
      eventContracts,
      handlerExists: (module, ref) => {
        asked.push(`${module} ${ref}`);
        return true;
      },
    });
    expect(asked).toEqual(['dashboard handlers/health.handler']);
  });

  it('refuses what would collide with the outbox: its table, its schedule, its function id', () => {
    const problems = problemsOf(() =>
      build(
        dashboard({
          tables: [{ name: 'outbox', partitionKey: { name: 'eventId', type: 'S' } }],
          schedules: [
            {
              id: 'drainOutbox',
              rateMinutes: 5,
              handler: 'handlers/drainOutbox.handler',
              description: 'mine',
            },
          ],
        }),
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /Module "dashboard" declares a table "outbox", a name the platform reserves for the outbox: .*outbox: true/,
      ),
      expect.stringMatching(
        /Module "dashboard" declares schedule "drainOutbox", a name the platform reserves/,
      ),
      expect.stringMatching(
        /Module "dashboard" names handler "handlers\/drainOutbox.handler", whose function id "dashboard-drainOutbox"/,
      ),
    ]);
  });

  it("refuses a module declaring the outbox's metrics or alarm itself", () => {
    expect(
      problemsOf(() =>
        build(
          dashboard({
            metrics: [{ name: 'OutboxPublishFailed', description: 'Mine.' }],
            alarms: [
              {
                name: 'OutboxPublishFailing',
                metric: 'OutboxRepublished',
                threshold: 1,
                description: 'Mine.',
              },
            ],
          }),
        ),
      ),
    ).toEqual([
      expect.stringContaining('declares metric "OutboxPublishFailed", which its outbox reports already'),
      expect.stringContaining(
        'declares alarm "OutboxPublishFailing", the one the platform sets on its outbox',
      ),
    ]);
  });

  it('refuses an outbox in a module that publishes nothing', () => {
    expect(problemsOf(() => build(dashboard({ publishes: [] })))).toEqual([
      expect.stringContaining('Module "dashboard" has outbox: true but publishes no events'),
    ]);
  });
});
