import type { FunctionModel, PlatformModel } from '../../shared/platformModel/PlatformModel.ts';

/**
 * The model's functions that exist on AWS: a function that only serves `localOnly` routes (development
 * sign-in and the like) is never deployed.
 */
export const deployedFunctions = (model: PlatformModel): FunctionModel[] =>
  model.functions.filter((fn) => {
    const onlyRoutes = fn.roles.every((role) => role === 'route');
    if (!onlyRoutes) return true;
    return model.routes.some((route) => route.functionId === fn.id && !route.localOnly);
  });
