import * as z from 'zod';
import { defineService } from '../../shared/contracts/defineService.ts';
import { defineModule, type ModuleManifestInput } from '../../shared/contracts/moduleManifest.ts';

/** A minimal valid manifest for `name`; tests override what they exercise. */
export const manifestInput = (
  name: string,
  overrides: Partial<ModuleManifestInput> = {},
): ModuleManifestInput => ({
  name,
  version: '1.0.0',
  description: `Fixture module ${name} for tests`,
  critical: false,
  publishes: [],
  subscriptions: [],
  routes: [],
  services: [],
  health: { handler: 'handlers/health.handler' },
  ...overrides,
});

export const fixtureManifest = (name: string, overrides: Partial<ModuleManifestInput> = {}) =>
  defineModule(manifestInput(name, overrides));

export const fixtureService = (module: string, name: string) =>
  defineService({
    module,
    name,
    version: 1,
    description: `Fixture service ${name}`,
    operations: {
      echo: {
        description: 'Echoes its input',
        input: z.object({ text: z.string() }),
        output: z.object({ text: z.string() }),
      },
    },
  });

/**
 * What a module that provides the authorizer declares: the authorizer, and a metric and an alarm on its
 * failures (the model insists, since the platform cannot alarm on an authorizer's Lambda errors).
 */
export const authorizerParts = (handler = 'handlers/authorize.handler'): Partial<ModuleManifestInput> => ({
  authorizer: { handler },
  metrics: [{ name: 'AuthorizerFailures', description: 'Requests that could not be decided.' }],
  alarms: [
    {
      name: 'AuthorizerFailing',
      metric: 'AuthorizerFailures',
      threshold: 1,
      description: 'Users are refused.',
    },
  ],
});
