import * as z from 'zod';
import type { EventContract } from '../contracts/defineEvent.ts';
import type { ServiceContract } from '../contracts/defineService.ts';
import { eventSource } from '../contracts/eventCatalog.ts';
import type { ModuleManifest } from '../contracts/moduleManifest.ts';
import {
  isPlatformEnvName,
  previousSigningKeyEnvVar,
  signingKeyEnvVar,
  tableEnvVar,
} from '../contracts/platformEnvironment.ts';
import { collectFunctions, functionIdOf } from './collectFunctions.ts';
import { IDEMPOTENCY_TABLE_NAME } from './modelConstants.ts';
import type {
  EventModel,
  PlatformModel,
  RouteModel,
  RuleModel,
  ScheduleModel,
  ServiceModel,
  SigningKeyModel,
  TableModel,
  WebSocketRouteModel,
} from './PlatformModel.ts';
import { PlatformModelError } from './PlatformModelError.ts';
import { allowedRoutePrefixes, routeShape } from './routeKey.ts';

export interface BuildOptions {
  /** Every event contract of the platform (shared/contracts). */
  readonly eventContracts: readonly EventContract[];
  /** Whether a handler's source file exists; the loader checks the disk, unit tests pass a fake. */
  readonly handlerExists?: (module: string, handlerRef: string) => boolean;
  /** Rejects an invalid EventBridge pattern by throwing; the embedded platform's matcher is the judge. */
  readonly validatePattern?: (pattern: Record<string, unknown>) => void;
}

const tablesOf = (manifest: ModuleManifest): TableModel[] => {
  const declared: TableModel[] = manifest.tables.map((t) => ({
    id: `${manifest.name}-${t.name}`,
    module: manifest.name,
    name: t.name,
    envVar: tableEnvVar(t.name),
    partitionKey: t.partitionKey,
    sortKey: t.sortKey ?? null,
    indexes: t.indexes.map((i) => ({
      name: i.name,
      partitionKey: i.partitionKey,
      sortKey: i.sortKey ?? null,
    })),
    ttlAttribute: t.ttlAttribute ?? null,
    implicit: false,
    localOnly: t.localOnly,
  }));
  if (manifest.subscriptions.length === 0) return declared;
  // Attribute names follow Powertools' DynamoDBPersistenceLayer defaults, so its idempotency works as is.
  return [
    ...declared,
    {
      id: `${manifest.name}-${IDEMPOTENCY_TABLE_NAME}`,
      module: manifest.name,
      name: IDEMPOTENCY_TABLE_NAME,
      envVar: tableEnvVar(IDEMPOTENCY_TABLE_NAME),
      partitionKey: { name: 'id', type: 'S' },
      sortKey: null,
      indexes: [],
      ttlAttribute: 'expiration',
      implicit: true,
      localOnly: false,
    },
  ];
};

/**
 * Checks the manifests against each other and the contracts, and flattens them into the platform model.
 * Collects every problem before failing, so one run shows everything to fix.
 *
 * @throws PlatformModelError naming each offending module and the fix.
 */
export const buildPlatformModel = (
  manifests: readonly ModuleManifest[],
  options: BuildOptions,
): PlatformModel => {
  const problems: string[] = [];
  const contracts = new Map(options.eventContracts.map((c) => [c.name, c]));
  const moduleNames = new Set<string>();

  for (const m of manifests) {
    if (moduleNames.has(m.name)) problems.push(`Module "${m.name}" is declared twice: rename one of them.`);
    moduleNames.add(m.name);
  }

  // Events: each published event must exist and belong to its publisher.
  const publishers = new Map<string, string>();
  for (const m of manifests) {
    for (const event of m.publishes) {
      const contract = contracts.get(event);
      if (!contract) {
        problems.push(
          `Module "${m.name}" publishes "${event}", which has no contract: add it to shared/contracts/events.`,
        );
      } else if (contract.owner !== m.name) {
        problems.push(
          `Module "${m.name}" publishes "${event}", which is owned by "${contract.owner}": remove it from ` +
            `${m.name}'s publishes, or have "${contract.owner}" publish it.`,
        );
      } else {
        publishers.set(event, m.name);
      }
    }
  }

  // Subscriptions: to events someone publishes, with a valid pattern.
  const rules: RuleModel[] = [];
  const subscribers = new Map<string, { module: string; subscriptionId: string }[]>();
  for (const m of manifests) {
    const ids = new Set<string>();
    for (const sub of m.subscriptions) {
      if (ids.has(sub.id)) problems.push(`Module "${m.name}" has two subscriptions "${sub.id}": rename one.`);
      ids.add(sub.id);
      for (const event of sub.events) {
        if (!contracts.has(event)) {
          problems.push(
            `Module "${m.name}" subscription "${sub.id}" listens to "${event}", which has no contract: ` +
              'fix the event name (see shared/contracts/events).',
          );
        } else if (!publishers.has(event)) {
          problems.push(
            `Module "${m.name}" subscription "${sub.id}" listens to "${event}", which no module publishes: ` +
              `add it to the publishes of "${contracts.get(event)?.owner}", or drop the subscription.`,
          );
        }
        const list = subscribers.get(event) ?? [];
        list.push({ module: m.name, subscriptionId: sub.id });
        subscribers.set(event, list);
      }
      const sources = [...new Set(sub.events.map((e) => eventSource(contracts.get(e)?.owner ?? '?')))].sort();
      const pattern: Record<string, unknown> = {
        source: sources,
        'detail-type': [...sub.events],
        ...(sub.detailPattern ? { detail: sub.detailPattern } : {}),
      };
      if (options.validatePattern) {
        try {
          options.validatePattern(pattern);
        } catch (error) {
          problems.push(
            `Module "${m.name}" subscription "${sub.id}" has an invalid detailPattern: ` +
              `${(error as Error).message}. Fix the pattern.`,
          );
        }
      }
      rules.push({
        id: `${m.name}-${sub.id}`,
        module: m.name,
        subscriptionId: sub.id,
        events: [...sub.events],
        pattern,
        functionId: functionIdOf(m.name, sub.handler),
        maxRetries: sub.maxRetries,
        maxEventAgeSeconds: sub.maxEventAgeSeconds,
      });
    }
  }

  // Routes: inside the module's prefix, no two on one method and path shape.
  const routes: RouteModel[] = [];
  const routeOwners = new Map<string, string>();
  for (const m of manifests) {
    for (const r of m.routes) {
      const prefixes = allowedRoutePrefixes(m.name);
      if (!prefixes.some((p) => r.path.startsWith(p))) {
        problems.push(
          `Module "${m.name}" route ${r.method} ${r.path} is outside its paths: start it with ${prefixes.join(' or ')}.`,
        );
      }
      if (r.path.startsWith('/.well-known/') && r.auth !== 'public') {
        problems.push(`Module "${m.name}" route ${r.method} ${r.path}: /.well-known routes must be public.`);
      }
      const shape = routeShape(r.method, r.path);
      const owner = routeOwners.get(shape);
      if (owner !== undefined) {
        problems.push(
          `Route ${r.method} ${r.path} of module "${m.name}" clashes with a route of module "${owner}" ` +
            'on the same method and path: change one of the paths.',
        );
      }
      routeOwners.set(shape, m.name);
      routes.push({
        module: m.name,
        method: r.method,
        path: r.path,
        auth: r.auth,
        description: r.description,
        functionId: functionIdOf(m.name, r.handler),
        localOnly: r.localOnly,
      });
    }
  }

  const webSocketRoutes: WebSocketRouteModel[] = [];
  const wsOwners = new Map<string, string>();
  for (const m of manifests) {
    for (const r of m.webSocketRoutes) {
      const owner = wsOwners.get(r.routeKey);
      if (owner !== undefined) {
        problems.push(
          `WebSocket route "${r.routeKey}" of module "${m.name}" clashes with module "${owner}": rename one.`,
        );
      }
      wsOwners.set(r.routeKey, m.name);
      webSocketRoutes.push({
        module: m.name,
        routeKey: r.routeKey,
        functionId: functionIdOf(m.name, r.handler),
      });
    }
  }

  // Services: contracts belong to their declarer; every use names a declared service.
  const services: ServiceModel[] = [];
  const declaredServices = new Set<string>();
  for (const m of manifests) {
    for (const s of m.services) {
      const contract: ServiceContract = s.contract;
      if (contract.module !== m.name) {
        problems.push(
          `Module "${m.name}" declares service "${contract.name}", whose contract belongs to "${contract.module}": ` +
            'declare it in that module, or fix the contract’s module.',
        );
      }
      const key = `${m.name}/${contract.name}`;
      if (declaredServices.has(key))
        problems.push(`Module "${m.name}" declares service "${contract.name}" twice.`);
      declaredServices.add(key);
      services.push({
        module: m.name,
        name: contract.name,
        version: contract.version,
        description: contract.description,
        operations: Object.keys(contract.operations),
        functionId: functionIdOf(m.name, s.handler),
      });
    }
  }
  for (const m of manifests) {
    for (const use of m.uses) {
      if (!declaredServices.has(`${use.module}/${use.service}`)) {
        problems.push(
          `Module "${m.name}" uses service "${use.module}/${use.service}", which is not declared: ` +
            `declare it in functions/${use.module}/module.ts, or remove it from ${m.name}'s uses.`,
        );
      }
      if (use.module === m.name) {
        problems.push(
          `Module "${m.name}" uses its own service "${use.service}": call the domain code directly.`,
        );
      }
    }
  }

  // Tables: unique per module; handlers exist on disk.
  const tables: TableModel[] = [];
  for (const m of manifests) {
    const own = tablesOf(m);
    const names = new Set<string>();
    for (const t of own) {
      if (names.has(t.name)) {
        problems.push(
          t.implicit
            ? `Module "${m.name}" declares a table "${t.name}", a name the platform reserves for idempotency: rename it.`
            : `Module "${m.name}" declares table "${t.name}" twice: rename one.`,
        );
      }
      names.add(t.name);
    }
    tables.push(...own);
  }

  for (const m of manifests) {
    const seen = new Set<string>();
    for (const c of m.config) {
      if (seen.has(c.name)) problems.push(`Module "${m.name}" declares setting ${c.name} twice: remove one.`);
      if (isPlatformEnvName(c.name)) {
        problems.push(
          `Module "${m.name}" declares setting ${c.name}, a name the platform sets itself: rename it.`,
        );
      }
      seen.add(c.name);
    }
  }

  const signingKeys: SigningKeyModel[] = [];
  for (const m of manifests) {
    const names = new Set<string>();
    const envVars = new Set<string>();
    for (const k of m.signingKeys) {
      if (names.has(k.name)) {
        problems.push(`Module "${m.name}" declares signing key "${k.name}" twice: rename one.`);
        continue;
      }
      names.add(k.name);
      const envVar = signingKeyEnvVar(k.name);
      const previousEnvVar = previousSigningKeyEnvVar(k.name);
      // A key named `tokens-previous` would arrive in the variable of the previous generation of `tokens`.
      if (envVars.has(envVar) || envVars.has(previousEnvVar)) {
        problems.push(
          `Module "${m.name}" signing key "${k.name}" shares an environment variable with another of its keys: rename it.`,
        );
      }
      envVars.add(envVar).add(previousEnvVar);
      signingKeys.push({
        id: `${m.name}-${k.name}`,
        module: m.name,
        name: k.name,
        algorithm: k.algorithm,
        description: k.description,
        envVar,
        generation: k.generation,
        previousEnvVar,
      });
    }
  }

  const schedules: ScheduleModel[] = manifests.flatMap((m) =>
    m.schedules.map((s) => ({
      id: `${m.name}-${s.id}`,
      module: m.name,
      scheduleId: s.id,
      rateMinutes: s.rateMinutes,
      description: s.description,
      functionId: functionIdOf(m.name, s.handler),
    })),
  );

  const functions = manifests.flatMap((m) =>
    collectFunctions(
      m,
      tables.filter((t) => t.module === m.name).map((t) => t.id),
    ),
  );
  if (options.handlerExists) {
    for (const fn of functions) {
      if (!options.handlerExists(fn.module, fn.handler)) {
        problems.push(
          `Module "${fn.module}" names handler "${fn.handler}", but ${fn.entry} does not exist or does not export ` +
            `"${fn.exportName}": create it or fix the reference.`,
        );
      }
    }
  }

  const authorizers = manifests.filter((m) => m.authorizer);
  if (authorizers.length > 1) {
    problems.push(
      `Modules ${authorizers.map((m) => `"${m.name}"`).join(', ')} each declare an authorizer: only one may.`,
    );
  }

  if (problems.length > 0) throw new PlatformModelError(problems);

  const events: EventModel[] = options.eventContracts.map((c) => ({
    name: c.name,
    owner: c.owner,
    source: eventSource(c.owner),
    version: c.version,
    description: c.description,
    bandScoped: c.bandScoped,
    published: publishers.has(c.name),
    subscribers: subscribers.get(c.name) ?? [],
    dataSchema: z.toJSONSchema(c.data, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
  }));

  const authorizerModule = authorizers[0];
  return {
    modules: manifests.map((m) => ({
      name: m.name,
      version: m.version,
      description: m.description,
      critical: m.critical,
      dependencies: [...new Set(m.uses.map((u) => u.module))].sort(),
      uses: m.uses.map((u) => ({ module: u.module, service: u.service })),
      publishes: [...m.publishes],
      subscribes: [...new Set(m.subscriptions.flatMap((s) => s.events))],
      healthFunctionId: functionIdOf(m.name, m.health.handler),
      config: m.config.map((c) => ({
        name: c.name,
        description: c.description,
        default: c.default ?? null,
        localDefault: c.localDefault ?? null,
      })),
    })),
    events,
    rules,
    routes,
    webSocketRoutes,
    services,
    tables,
    schedules,
    signingKeys,
    functions,
    authorizer:
      authorizerModule?.authorizer !== undefined
        ? {
            module: authorizerModule.name,
            functionId: functionIdOf(authorizerModule.name, authorizerModule.authorizer.handler),
          }
        : null,
  };
};
