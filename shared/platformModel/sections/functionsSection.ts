import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { collectFunctions } from '../collectFunctions.ts';
import { outboxDrainFunction, outboxDrainFunctionId } from '../outboxModel.ts';
import type { FunctionModel, TableModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/**
 * One function per distinct handler, allowed its own module's tables only; every handler exists. A module
 * with `outbox: true` also gets the kit's drain (a kit function: not looked for in the module's folder).
 *
 * @param handlerExists whether a handler's source file exists and exports it; omitted, nothing is checked
 */
export const functionsSection = (
  manifests: readonly ModuleManifest[],
  tables: readonly TableModel[],
  handlerExists?: (module: string, handlerRef: string) => boolean,
): ModelSection<readonly FunctionModel[]> => {
  const problems: string[] = [];
  const functions = manifests.flatMap((m) => {
    const tableIds = tables.filter((t) => t.module === m.name).map((t) => t.id);
    const own = collectFunctions(m, tableIds);
    if (!m.outbox) return own;
    const clash = own.find((fn) => fn.id === outboxDrainFunctionId(m.name));
    if (clash) {
      problems.push(
        `Module "${m.name}" names handler "${clash.handler}", whose function id "${clash.id}" is the ` +
          "outbox drain's: rename the handler file (the kit provides the drain).",
      );
    }
    return [...own, outboxDrainFunction(m, tableIds)];
  });
  const missing = handlerExists
    ? functions
        .filter((fn) => !fn.kit && !handlerExists(fn.module, fn.handler))
        .map(
          (fn) =>
            `Module "${fn.module}" names handler "${fn.handler}", but ${fn.entry} does not exist or does not export ` +
            `"${fn.exportName}": create it or fix the reference.`,
        )
    : [];
  return { value: functions, problems: [...problems, ...missing] };
};
