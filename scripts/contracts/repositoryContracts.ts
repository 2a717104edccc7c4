import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type {
  ContractsLock,
  ContractsSnapshot,
} from '../../shared/contracts/compatibility/ContractsSnapshot.ts';
import { snapshotContracts } from '../../shared/contracts/compatibility/snapshotContracts.ts';
import { eventContracts } from '../../shared/contracts/eventCatalog.ts';
import { allServiceContracts } from '../../shared/contracts/serviceCatalog.ts';
import { loadPlatformModel, repositoryRoot } from '../../shared/platformModel/loadPlatformModel.ts';

/** Where the committed lock and its changelog live, from the repository root. */
export const CONTRACTS_LOCK_FILE = path.join('shared', 'contracts', 'contracts.lock.json');
export const CONTRACTS_CHANGELOG_FILE = path.join('docs', 'generated', 'contracts-changelog.md');

/**
 * This repository's contracts now: an event counts as published when a module of the model publishes it, a
 * service as used by the modules that list it in `uses`.
 */
export const currentContracts = async (): Promise<ContractsSnapshot> => {
  const model = await loadPlatformModel();
  const usedBy = new Map<string, string[]>();
  for (const m of model.modules) {
    for (const use of m.uses) {
      const key = `${use.module}.${use.service}`;
      usedBy.set(key, [...(usedBy.get(key) ?? []), m.name]);
    }
  }
  return snapshotContracts({
    events: eventContracts,
    services: allServiceContracts(),
    published: new Set(model.events.filter((e) => e.published).map((e) => e.name)),
    usedBy,
  });
};

/** The committed lock, or undefined before the first `npm run contracts:lock`. */
export const readContractsLock = (root = repositoryRoot()): ContractsLock | undefined => {
  const file = path.join(root, CONTRACTS_LOCK_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ContractsLock) : undefined;
};

/** The lock as written to disk: two-space JSON, one trailing newline. */
export const formatContractsLock = (lock: ContractsLock): string => `${JSON.stringify(lock, null, 2)}\n`;

/** Today as the changelog dates entries: `YYYY-MM-DD`, UTC. */
export const today = (): string => new Date().toISOString().slice(0, 10);
