import { randomUUID } from 'node:crypto';
import type { ScheduleModel } from '../../../shared/platformModel/PlatformModel.ts';
import type { InvokeFunction } from '../shared/InvocationResult.ts';
import { LOCAL_NAMES } from '../shared/localNames.ts';

export interface ScheduleRunnerOptions {
  readonly schedules: readonly ScheduleModel[];
  readonly invoke: InvokeFunction;
  readonly region: string;
  /** Multiplies every rate: 0.001 makes a minute last 60 ms. @default 1 */
  readonly timeScale?: number;
  /** Told when a scheduled invocation fails, since nobody waits for it. */
  readonly onFailure?: (scheduleId: string, errorType: string, errorMessage: string) => void;
}

/** The event EventBridge Scheduler's `rate()` rules send to their target. */
const scheduledEvent = (schedule: ScheduleModel, region: string) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: LOCAL_NAMES.account,
  time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region,
  resources: [LOCAL_NAMES.ruleArn(region, schedule.id)],
  detail: {},
});

/** Runs each of the model's schedules every `rateMinutes`, like a `rate(n minutes)` rule. */
export class ScheduleRunner {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: ScheduleRunnerOptions) {}

  /**
   * Starts the timers. With `runNow`, each schedule also runs once at once (in the background), so e.g. the
   * health poll has filled the catalog before a developer's first request rather than minutes later.
   */
  start(options: { runNow?: boolean } = {}): void {
    const scale = this.options.timeScale ?? 1;
    for (const schedule of this.options.schedules) {
      this.timers.push(
        setInterval(() => void this.trigger(schedule.id), schedule.rateMinutes * 60_000 * scale),
      );
      if (options.runNow) void this.trigger(schedule.id);
    }
  }

  /** Runs a schedule now (also what `start()` does on each tick). */
  async trigger(scheduleId: string): Promise<void> {
    const schedule = this.options.schedules.find((s) => s.id === scheduleId);
    if (!schedule) throw new Error(`No schedule "${scheduleId}" in the model`);
    const result = await this.options.invoke(
      schedule.functionId,
      scheduledEvent(schedule, this.options.region),
    );
    if (!result.ok) this.options.onFailure?.(schedule.id, result.errorType, result.errorMessage);
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }
}
