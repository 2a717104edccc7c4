import type {
  ContractsSnapshot,
  EventSnapshot,
  JsonSchema,
  PreviousVersionSnapshot,
  ServiceSnapshot,
} from './ContractsSnapshot.ts';
import { type Reader, whyBreaking } from './readerRules.ts';
import { schemaChanges } from './schemaChanges.ts';

/** One difference between the locked contracts and the current ones. */
export interface ContractChange {
  /** The contract, e.g. `event drive.file_changed v1`, `service auth.user_service, operation getUser`. */
  readonly contract: string;
  /** The field or part that changed (`data.previousName`, `output.user.email`); empty for the whole contract. */
  readonly field: string;
  readonly breaking: boolean;
  /** One line naming contract and field, what changed and, when it breaks, why and what to do. */
  readonly message: string;
}

const change = (contract: string, field: string, what: string, breaking?: string): ContractChange => ({
  contract,
  field,
  breaking: breaking !== undefined,
  message: `${contract}: ${field ? `${field} ` : ''}${what}${breaking ? ` — breaks: ${breaking}` : ''}`,
});

const NEW_EVENT_VERSION =
  'publish the change as a new event version and keep this one in previousVersions for a transition';
const NEW_OPERATION = 'add a new operation (or service) and keep this one';

/** The field-level changes of one schema, judged for its readers. */
const schemaDiff = (
  contract: string,
  root: string,
  before: JsonSchema,
  after: JsonSchema,
  reader: Reader,
  remedy: string,
  enforced = true,
): ContractChange[] => {
  const changes = schemaChanges(root, before, after).map((c) => {
    const why = enforced ? whyBreaking(reader, c.kind) : undefined;
    return change(contract, c.path, c.what, why ? `${why}; ${remedy}` : undefined);
  });
  if (changes.length === 0 && JSON.stringify(before) !== JSON.stringify(after)) {
    changes.push(change(contract, root, 'documentation changed (descriptions or defaults)'));
  }
  return changes;
};

const previousVersionChanges = (
  name: string,
  locked: PreviousVersionSnapshot,
  current: PreviousVersionSnapshot | undefined,
  today: string,
): ContractChange[] => {
  const contract = `event ${name} v${locked.version}`;
  if (current === undefined) {
    return today > locked.acceptedUntil
      ? [change(contract, '', `no longer accepted: its transition ended on ${locked.acceptedUntil}`)]
      : [
          change(
            contract,
            '',
            'was dropped from previousVersions',
            `its declared transition runs until ${locked.acceptedUntil}; keep it until then`,
          ),
        ];
  }
  const changes = schemaDiff(contract, 'data', locked.data, current.data, 'event', NEW_EVENT_VERSION);
  if (current.acceptedUntil < locked.acceptedUntil) {
    changes.push(
      change(
        contract,
        'acceptedUntil',
        `moved earlier, to ${current.acceptedUntil} (was ${locked.acceptedUntil})`,
        'subscribers and replays were promised the later date',
      ),
    );
  } else if (current.acceptedUntil > locked.acceptedUntil) {
    changes.push(change(contract, 'acceptedUntil', `extended to ${current.acceptedUntil}`));
  }
  return changes;
};

const eventChanges = (
  name: string,
  locked: EventSnapshot | undefined,
  current: EventSnapshot | undefined,
  today: string,
): ContractChange[] => {
  if (locked === undefined) {
    return current ? [change(`event ${name} v${current.version}`, '', 'added')] : [];
  }
  const contract = `event ${name} v${locked.version}`;
  // An event nobody published is a draft: no such event exists and nobody subscribes, so nothing can break.
  const enforced = locked.published;
  if (current === undefined) {
    return [
      change(
        contract,
        '',
        enforced ? 'was removed while published' : 'was removed (a draft: never published)',
        enforced ? 'subscribers and replays still expect it; stop publishing it first' : undefined,
      ),
    ];
  }
  const changes: ContractChange[] = [];
  if (!locked.published && current.published) changes.push(change(contract, '', 'is now published'));
  if (locked.published && !current.published) changes.push(change(contract, '', 'is no longer published'));
  if (current.owner !== locked.owner) {
    changes.push(
      change(
        contract,
        'owner',
        `moved from ${locked.owner} to ${current.owner}`,
        enforced ? 'subscriptions match the source soleil.<owner>' : undefined,
      ),
    );
  }
  if (current.bandScoped !== locked.bandScoped) {
    changes.push(
      change(
        contract,
        'bandScoped',
        `became ${current.bandScoped ? 'band-scoped' : 'not band-scoped'}`,
        enforced ? 'routing and tenant checks of published events read metadata.bandId' : undefined,
      ),
    );
  }
  if (current.version < locked.version) {
    changes.push(
      change(
        contract,
        'version',
        `went back to ${current.version}`,
        'versions only grow: events of the newer version already exist',
      ),
    );
    return changes;
  }
  const currentPrevious = new Map(current.previousVersions.map((p) => [p.version, p]));
  if (current.version > locked.version) {
    changes.push(change(contract, 'version', `replaced by v${current.version}`));
    const kept = currentPrevious.get(locked.version);
    if (kept === undefined) {
      if (enforced) {
        changes.push(
          change(
            contract,
            'version',
            `was replaced by v${current.version} without a transition`,
            `events of v${locked.version} are queued, dead-lettered or archived; declare { version: ${locked.version}, acceptedUntil, upgrade } in previousVersions`,
          ),
        );
      }
    } else {
      changes.push(
        change(`event ${name} v${kept.version}`, '', `accepted until ${kept.acceptedUntil} (transition)`),
        ...schemaDiff(
          `event ${name} v${kept.version}`,
          'data',
          locked.data,
          kept.data,
          'event',
          NEW_EVENT_VERSION,
        ),
      );
    }
  } else {
    changes.push(
      ...schemaDiff(contract, 'data', locked.data, current.data, 'event', NEW_EVENT_VERSION, enforced),
    );
    if (locked.description !== current.description) {
      changes.push(change(contract, '', 'description changed'));
    }
  }
  for (const previous of locked.previousVersions) {
    const still = currentPrevious.get(previous.version);
    const found = previousVersionChanges(name, previous, still, today);
    changes.push(...(enforced ? found : found.map((c) => ({ ...c, breaking: false }))));
  }
  return changes;
};

const serviceChanges = (
  key: string,
  locked: ServiceSnapshot | undefined,
  current: ServiceSnapshot | undefined,
): ContractChange[] => {
  const service = `service ${key}`;
  if (locked === undefined) return current ? [change(service, '', 'added')] : [];
  if (current === undefined) {
    return [
      locked.usedBy.length > 0
        ? change(
            service,
            '',
            'was removed',
            `${locked.usedBy.join(', ')} still use it; keep it until no module lists it in uses`,
          )
        : change(service, '', 'was removed (no module used it)'),
    ];
  }
  // A service no module uses binds no caller: its changes are listed, none breaks.
  const enforced = locked.usedBy.length > 0;
  const changes: ContractChange[] = [];
  const users = (list: readonly string[]) => list.join(', ') || 'no module';
  if (locked.usedBy.join() !== current.usedBy.join()) {
    changes.push(change(service, '', `is used by ${users(current.usedBy)} (was ${users(locked.usedBy)})`));
  }
  if (current.version !== locked.version) {
    changes.push(change(service, 'version', `is now ${current.version} (was ${locked.version})`));
  }
  if (current.description !== locked.description) changes.push(change(service, '', 'description changed'));
  for (const [name, before] of Object.entries(locked.operations)) {
    const contract = `${service}, operation ${name}`;
    const after = current.operations[name];
    if (after === undefined) {
      changes.push(
        change(contract, '', 'was removed', enforced ? `callers still call it; ${NEW_OPERATION}` : undefined),
      );
      continue;
    }
    changes.push(
      ...schemaDiff(contract, 'input', before.input, after.input, 'request', NEW_OPERATION, enforced),
      ...schemaDiff(contract, 'output', before.output, after.output, 'response', NEW_OPERATION, enforced),
    );
    if (before.description !== after.description) changes.push(change(contract, '', 'description changed'));
  }
  for (const name of Object.keys(current.operations).filter((n) => !(n in locked.operations))) {
    changes.push(change(`${service}, operation ${name}`, '', 'added'));
  }
  return changes;
};

const keysOf = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string[] =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();

/**
 * Every difference between the locked contracts and the current ones, each judged breaking or not for the
 * readers of that contract (`readerRules.ts`). `today` (`YYYY-MM-DD`) decides whether a previous version's
 * transition has ended, so it may be dropped.
 */
export const compareContracts = (
  locked: ContractsSnapshot,
  current: ContractsSnapshot,
  today: string,
): ContractChange[] => [
  ...keysOf(locked.events, current.events).flatMap((name) =>
    eventChanges(name, locked.events[name], current.events[name], today),
  ),
  ...keysOf(locked.services, current.services).flatMap((key) =>
    serviceChanges(key, locked.services[key], current.services[key]),
  ),
];

/** Whether two snapshots hold the same contracts, documentation included. */
export const sameContracts = (a: ContractsSnapshot, b: ContractsSnapshot): boolean =>
  keysOf(a.events, b.events).every((k) => JSON.stringify(a.events[k]) === JSON.stringify(b.events[k])) &&
  keysOf(a.services, b.services).every(
    (k) => JSON.stringify(a.services[k]) === JSON.stringify(b.services[k]),
  );
