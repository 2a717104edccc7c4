import type { ModuleManifest } from '../contracts/moduleManifest.ts';
import { tableEnvVar } from '../contracts/platformEnvironment.ts';
import { OUTBOX_METRICS } from '../contracts/platformMetrics.ts';
import { DEFAULT_MEMORY_MB, OUTBOX_DRAIN, OUTBOX_TABLE_NAME } from './modelConstants.ts';
import type { AlarmModel, FunctionModel, MetricModel, ScheduleModel, TableModel } from './PlatformModel.ts';

/** Id of the function (and schedule) that drains a module's outbox. */
export const outboxDrainFunctionId = (module: string): string => `${module}-${OUTBOX_DRAIN.scheduleId}`;

/**
 * The outbox table of a module with `outbox: true`: key `eventId`, TTL `expiresAt` (the kit's item shape),
 * named `outbox` — so auth's hand-declared outbox keeps its table id, physical table and data.
 */
export const outboxTable = (manifest: ModuleManifest): TableModel => ({
  id: `${manifest.name}-${OUTBOX_TABLE_NAME}`,
  module: manifest.name,
  name: OUTBOX_TABLE_NAME,
  envVar: tableEnvVar(OUTBOX_TABLE_NAME),
  partitionKey: { name: 'eventId', type: 'S' },
  sortKey: null,
  indexes: [],
  ttlAttribute: 'expiresAt',
  implicit: true,
  localOnly: false,
});

/** The drain schedule of a module with `outbox: true`: every minute, the kit's drain. */
export const outboxDrainSchedule = (manifest: ModuleManifest): ScheduleModel => ({
  id: outboxDrainFunctionId(manifest.name),
  module: manifest.name,
  scheduleId: OUTBOX_DRAIN.scheduleId,
  rateMinutes: OUTBOX_DRAIN.rateMinutes,
  description: OUTBOX_DRAIN.description,
  functionId: outboxDrainFunctionId(manifest.name),
});

/**
 * The drain's function: the kit's handler file, run in the module's name with the module's tables (and, in
 * AWS, its role), so it reads the module's outbox and publishes with the module's source.
 */
export const outboxDrainFunction = (
  manifest: ModuleManifest,
  tableIds: readonly string[],
): FunctionModel => ({
  id: outboxDrainFunctionId(manifest.name),
  module: manifest.name,
  handler: `${OUTBOX_DRAIN.entry.replace(/\.ts$/, '')}.${OUTBOX_DRAIN.exportName}`,
  entry: OUTBOX_DRAIN.entry,
  exportName: OUTBOX_DRAIN.exportName,
  kit: true,
  roles: ['schedule'],
  memoryMb: DEFAULT_MEMORY_MB,
  timeoutSeconds: OUTBOX_DRAIN.timeoutSeconds,
  tables: tableIds,
});

/** The metrics the kit's outbox counts, declared for a module with `outbox: true`. */
export const outboxMetrics = (module: string): MetricModel[] => [
  {
    module,
    name: OUTBOX_METRICS.publishFailed,
    unit: 'Count',
    description:
      'Committed events that could not be published, by their request or by the drain; they wait in the outbox.',
  },
  {
    module,
    name: OUTBOX_METRICS.republished,
    unit: 'Count',
    description: 'Events the drain published because their request could not.',
  },
];

/** Name of the alarm on the outbox's publish failures (the one auth declared before the kit owned it). */
export const OUTBOX_ALARM_NAME = 'OutboxPublishFailing';

/**
 * The alarm of a module with `outbox: true`: one failure is a blip the drain repairs; failures in three
 * periods running mean its events are not flowing.
 */
export const outboxAlarm = (module: string): AlarmModel => ({
  id: `${module}-${OUTBOX_ALARM_NAME}`,
  module,
  name: OUTBOX_ALARM_NAME,
  metric: OUTBOX_METRICS.publishFailed,
  statistic: 'Sum',
  threshold: 1,
  periodMinutes: 5,
  evaluationPeriods: 3,
  description:
    `Events of ${module} have failed to publish for 15 minutes: its changes are not reaching subscribers. ` +
    'They wait in the outbox (7 days); check EventBridge and the drainOutbox logs.',
});
