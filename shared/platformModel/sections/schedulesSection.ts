import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { functionIdOf } from '../collectFunctions.ts';
import { OUTBOX_DRAIN } from '../modelConstants.ts';
import { outboxDrainSchedule } from '../outboxModel.ts';
import type { ScheduleModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/**
 * Schedules: ids unique per module (they name the rule that fires them), plus the outbox drain of a module with
 * `outbox: true` (its id reserved; such a module must publish something).
 */
export const schedulesSection = (
  manifests: readonly ModuleManifest[],
): ModelSection<readonly ScheduleModel[]> => {
  const problems: string[] = [];
  const schedules: ScheduleModel[] = [];
  for (const m of manifests) {
    const ids = new Set<string>();
    for (const s of m.schedules) {
      if (ids.has(s.id)) problems.push(`Module "${m.name}" has two schedules "${s.id}": rename one.`);
      ids.add(s.id);
      schedules.push({
        id: `${m.name}-${s.id}`,
        module: m.name,
        scheduleId: s.id,
        rateMinutes: s.rateMinutes,
        description: s.description,
        functionId: functionIdOf(m.name, s.handler),
      });
    }
    if (ids.has(OUTBOX_DRAIN.scheduleId)) {
      problems.push(
        `Module "${m.name}" declares schedule "${OUTBOX_DRAIN.scheduleId}", a name the platform reserves for ` +
          'the outbox drain: drop it and set outbox: true in the manifest (the kit drains), or rename it.',
      );
    }
    if (m.outbox) {
      if (m.publishes.length === 0) {
        problems.push(
          `Module "${m.name}" has outbox: true but publishes no events: list its events in publishes, or drop the outbox.`,
        );
      }
      schedules.push(outboxDrainSchedule(m));
    }
  }
  return { value: schedules, problems };
};
