/** How each dependency is made; a factory may use the others through `deps` (built on first use too). */
export type DependencyFactories<T extends object> = { readonly [K in keyof T]: (deps: T) => T[K] };

/** The dependencies of a module's handlers: one set per container, each built on first use. */
export interface DependencyContainer<T extends object> {
  /** The dependencies; the same object until {@link DependencyContainer.reset}. */
  (): T;
  /** Forgets everything built, so a test can change the environment between cases. */
  reset(): void;
}

/** Two factories need each other: no order can build them. */
export class DependencyCycleError extends Error {
  override readonly name = 'DependencyCycleError';
  constructor(readonly path: readonly string[]) {
    super(`Dependency cycle: ${path.join(' → ')}`);
  }
}

const build = <T extends object>(factories: DependencyFactories<T>): T => {
  const built = new Map<keyof T, unknown>();
  const building: (keyof T)[] = [];
  const deps = {} as T;
  for (const key of Object.keys(factories) as (keyof T)[]) {
    Object.defineProperty(deps, key, {
      enumerable: true,
      get: () => {
        if (built.has(key)) return built.get(key);
        if (building.includes(key)) throw new DependencyCycleError([...building, key].map(String));
        building.push(key);
        try {
          const value = factories[key](deps);
          built.set(key, value);
          return value;
        } finally {
          building.pop();
        }
      },
    });
  }
  return Object.freeze(deps);
};

/**
 * A module's lazily built dependencies, in place of a hand-written singleton per module. Each entry is made
 * on its first use and kept for the container's life, so a handler pays only for what it touches (the
 * authorizer never builds the Google verifier); a factory that throws is tried again on the next use.
 *
 * @example
 * ```ts
 * export const dependencies = dependencyContainer<Dependencies>({
 *   client: () => new DynamoDBClient({}),
 *   preferences: (d) => new DynamoDbPreferenceStore(d.client, runtimeConfig.table('preferences'), runtimeConfig.outboxTable()),
 *   outbox: (d) => createOutbox({ client: d.client }),
 *   now: () => () => new Date(),
 * });
 * // in a handler: await savePreferences(dependencies(), ...); in a test: dependencies.reset();
 * ```
 */
export const dependencyContainer = <T extends object>(
  factories: DependencyFactories<T>,
): DependencyContainer<T> => {
  let current: T | undefined;
  const container = (() => {
    current ??= build(factories);
    return current;
  }) as DependencyContainer<T>;
  container.reset = () => {
    current = undefined;
  };
  return container;
};
