import type { PlatformModel } from '../../shared/platformModel/PlatformModel.ts';
import { renderAsyncApi } from './renderAsyncApi.ts';
import { renderEventCatalog } from './renderEventCatalog.ts';
import { renderFlows } from './renderFlows.ts';
import { renderModuleMap } from './renderModuleMap.ts';
import { renderOpenApi } from './renderOpenApi.ts';

/** Every generated document, by its path under `docs/`. */
export const renderDocs = (model: PlatformModel, version: string): Record<string, string> => ({
  'modules.md': renderModuleMap(model),
  'events.md': renderEventCatalog(model),
  'flows.md': renderFlows(model),
  'asyncapi.json': `${JSON.stringify(renderAsyncApi(model, version), null, 2)}\n`,
  'openapi.json': `${JSON.stringify(renderOpenApi(model, version), null, 2)}\n`,
});
