import type { ContractsLock, ContractsSnapshot } from './ContractsSnapshot.ts';
import { type ContractChange, compareContracts, sameContracts } from './compareContracts.ts';

/** The lock the current contracts call for, and what changed since the committed one. */
export interface ContractsLockUpdate {
  readonly lock: ContractsLock;
  /** Every difference from the committed lock, compatible or not. */
  readonly changes: readonly ContractChange[];
  /** The differences that break a reader: while there is one, the lock must not be rewritten. */
  readonly breaking: readonly ContractChange[];
  /** Whether the committed lock no longer matches the contracts (it needs `npm run contracts:lock`). */
  readonly stale: boolean;
}

const snapshotOf = (lock: ContractsLock): ContractsSnapshot => ({
  events: lock.events,
  services: lock.services,
});

const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * Compares the current contracts with the committed lock (none yet: the first lock) and builds the next lock:
 * the current contracts, with a changelog entry dated `today` listing what changed. The caller writes it only
 * when nothing breaks.
 */
export const updateContractsLock = (
  committed: ContractsLock | undefined,
  current: ContractsSnapshot,
  today: string,
): ContractsLockUpdate => {
  if (committed === undefined) {
    const events = Object.keys(current.events).length;
    const services = Object.keys(current.services).length;
    return {
      lock: {
        ...current,
        changelog: [
          {
            date: today,
            changes: [`Lock created: ${counted(events, 'event')}, ${counted(services, 'service')}.`],
          },
        ],
      },
      changes: [],
      breaking: [],
      stale: true,
    };
  }
  const changes = compareContracts(snapshotOf(committed), current, today);
  const stale = !sameContracts(snapshotOf(committed), current);
  return {
    lock: stale
      ? {
          ...current,
          changelog: [
            ...committed.changelog,
            {
              date: today,
              changes:
                changes.length > 0 ? changes.map((c) => c.message) : ['Rewritten; no contract changed.'],
            },
          ],
        }
      : committed,
    changes,
    breaking: changes.filter((c) => c.breaking),
    stale,
  };
};
