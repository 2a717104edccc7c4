/** A JSON Schema (draft 2020-12, as `z.toJSONSchema` writes it). */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** A previous version of an event, still accepted until the end of its declared transition. */
export interface PreviousVersionSnapshot {
  readonly version: number;
  readonly acceptedUntil: string;
  readonly data: JsonSchema;
}

export interface EventSnapshot {
  readonly owner: string;
  readonly version: number;
  readonly bandScoped: boolean;
  /**
   * Whether a module of the platform publishes it. An event nobody publishes is a draft: no event of it exists
   * and no module may subscribe to it, so it may still change freely.
   */
  readonly published: boolean;
  readonly description: string;
  /** The current version's `data`. */
  readonly data: JsonSchema;
  readonly previousVersions: readonly PreviousVersionSnapshot[];
}

export interface OperationSnapshot {
  readonly description: string;
  /** What callers send (the schema's input side: a field with a default is optional here). */
  readonly input: JsonSchema;
  /** What callers receive. */
  readonly output: JsonSchema;
}

export interface ServiceSnapshot {
  readonly module: string;
  readonly name: string;
  readonly version: number;
  readonly description: string;
  /**
   * Modules that declare they call it (their manifest's `uses`). A service nobody uses binds no caller, so it
   * may still change freely, like an event nobody publishes.
   */
  readonly usedBy: readonly string[];
  readonly operations: Readonly<Record<string, OperationSnapshot>>;
}

/** Every contract of the platform as JSON Schema: events by name, services by `<module>.<service>`. */
export interface ContractsSnapshot {
  readonly events: Readonly<Record<string, EventSnapshot>>;
  readonly services: Readonly<Record<string, ServiceSnapshot>>;
}

/** One accepted change of the contracts, as `npm run contracts:lock` recorded it. */
export interface ChangelogEntry {
  /** `YYYY-MM-DD` (UTC) the lock was rewritten. */
  readonly date: string;
  readonly changes: readonly string[];
}

/** The committed lock: the contracts as last accepted, and the changes accepted so far, oldest first. */
export interface ContractsLock extends ContractsSnapshot {
  readonly changelog: readonly ChangelogEntry[];
}
