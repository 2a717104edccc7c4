import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { functionIdOf } from '../collectFunctions.ts';
import type { ScheduleModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/** Schedules: ids unique per module (they name the rule that fires them). */
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
  }
  return { value: schedules, problems };
};
