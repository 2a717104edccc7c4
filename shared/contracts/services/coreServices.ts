import * as z from 'zod';
import { defineService } from '../defineService.ts';
import { ModuleHealthStatus } from '../events/systemEvents.ts';
import { ModuleName } from '../identifiers.ts';

export const ModuleSummary = z
  .object({
    name: ModuleName,
    version: z.string(),
    description: z.string(),
    critical: z.boolean(),
    status: ModuleHealthStatus,
    checkedAt: z.string().nullable(),
  })
  .strict();

export const catalogService = defineService({
  module: 'core',
  name: 'catalog_service',
  version: 1,
  description: 'The service catalog: which modules run, at which version, and how healthy they are.',
  operations: {
    listModules: {
      description: 'Every registered module with version and last known health.',
      input: z.object({}).strict(),
      output: z.object({ modules: z.array(ModuleSummary) }).strict(),
    },
  },
});
