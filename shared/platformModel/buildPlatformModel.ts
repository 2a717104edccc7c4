import type { EventContract } from '../contracts/defineEvent.ts';
import type { ModuleManifest } from '../contracts/moduleManifest.ts';
import { DEFAULT_ROUTE_THROTTLE } from './modelConstants.ts';
import type { PlatformModel } from './PlatformModel.ts';
import { PlatformModelError } from './PlatformModelError.ts';
import { authorizerSection } from './sections/authorizerSection.ts';
import { bucketsSection } from './sections/bucketsSection.ts';
import { configSection } from './sections/configSection.ts';
import { eventModels, eventsSection } from './sections/eventsSection.ts';
import { folderTriggersSection } from './sections/folderTriggersSection.ts';
import { functionsSection } from './sections/functionsSection.ts';
import { metricsSection } from './sections/metricsSection.ts';
import { modulesSection } from './sections/modulesSection.ts';
import { reactionsSection } from './sections/reactionsSection.ts';
import { routesSection } from './sections/routesSection.ts';
import { rulesSection } from './sections/rulesSection.ts';
import { schedulesSection } from './sections/schedulesSection.ts';
import { secretsSection } from './sections/secretsSection.ts';
import { servicesSection } from './sections/servicesSection.ts';
import { signingKeysSection } from './sections/signingKeysSection.ts';
import { tablesSection } from './sections/tablesSection.ts';
import { throttlingSection } from './sections/throttlingSection.ts';
import { webSocketRoutesSection } from './sections/webSocketRoutesSection.ts';

export interface BuildOptions {
  /** Every event contract of the platform (shared/contracts). */
  readonly eventContracts: readonly EventContract[];
  /** Whether a handler's source file exists; the loader checks the disk, unit tests pass a fake. */
  readonly handlerExists?: (module: string, handlerRef: string) => boolean;
  /** Rejects an invalid EventBridge pattern by throwing; the embedded platform's matcher is the judge. */
  readonly validatePattern?: (pattern: Record<string, unknown>) => void;
}

/**
 * Checks the manifests against each other and the contracts, and flattens them into the platform model: one
 * validator per section (`sections/`), each returning its part and its problems. Collects every problem
 * before failing, so one run shows everything to fix.
 *
 * @throws PlatformModelError naming each offending module and the fix.
 */
export const buildPlatformModel = (
  manifests: readonly ModuleManifest[],
  options: BuildOptions,
): PlatformModel => {
  const contracts = new Map(options.eventContracts.map((c) => [c.name, c]));
  const config = configSection(manifests);
  const modules = modulesSection(manifests, config.value);
  const events = eventsSection(manifests, contracts);
  const rules = rulesSection(manifests, contracts, events.value, options.validatePattern);
  const reactions = reactionsSection(manifests);
  const routes = routesSection(manifests);
  const webSocketRoutes = webSocketRoutesSection(manifests);
  const services = servicesSection(manifests);
  const tables = tablesSection(manifests);
  const signingKeys = signingKeysSection(manifests);
  const schedules = schedulesSection(manifests);
  const functions = functionsSection(manifests, tables.value, options.handlerExists);
  const authorizer = authorizerSection(manifests);
  const metrics = metricsSection(manifests);
  const throttling = throttlingSection(manifests, DEFAULT_ROUTE_THROTTLE);
  const folderTriggers = folderTriggersSection(manifests);
  const buckets = bucketsSection(manifests);
  const secrets = secretsSection(manifests);

  // In the order a reader fixes them: who exists, what flows between them, then what each one owns.
  const problems = [
    modules,
    events,
    rules,
    reactions,
    routes,
    webSocketRoutes,
    services,
    tables,
    config,
    signingKeys,
    schedules,
    functions,
    authorizer,
    metrics,
    throttling,
    folderTriggers,
    buckets,
    secrets,
  ].flatMap((section) => section.problems);
  if (problems.length > 0) throw new PlatformModelError(problems);

  return {
    modules: modules.value,
    events: eventModels(options.eventContracts, events.value, rules.value),
    rules: rules.value,
    reactions: reactions.value,
    routes: routes.value,
    webSocketRoutes: webSocketRoutes.value,
    services: services.value,
    tables: tables.value,
    schedules: schedules.value,
    signingKeys: signingKeys.value,
    functions: functions.value,
    metrics: metrics.value.metrics,
    alarms: metrics.value.alarms,
    throttling: throttling.value,
    folderTriggers: folderTriggers.value,
    buckets: buckets.value,
    secrets: secrets.value,
    authorizer: authorizer.value,
  };
};
