import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderContractsChangelog } from '../../infra/docs/renderContractsChangelog.ts';
import { updateContractsLock } from '../../shared/contracts/compatibility/updateContractsLock.ts';
import { repositoryRoot } from '../../shared/platformModel/loadPlatformModel.ts';
import {
  CONTRACTS_CHANGELOG_FILE,
  CONTRACTS_LOCK_FILE,
  currentContracts,
  formatContractsLock,
  readContractsLock,
  today,
} from './repositoryContracts.ts';

/**
 * `npm run contracts:lock`: rewrites the contracts lock and its changelog after a compatible change. A change
 * that breaks a reader is refused, the lock left as it was: publish it as a new event version (or a new
 * operation) instead.
 */
const root = repositoryRoot();
const update = updateContractsLock(readContractsLock(root), await currentContracts(), today());
if (update.breaking.length > 0) {
  console.error(
    `The contracts changed in ways that break their readers; the lock is unchanged:\n${update.breaking
      .map((c) => `  - ${c.message}`)
      .join('\n')}`,
  );
  process.exit(1);
}
writeFileSync(path.join(root, CONTRACTS_LOCK_FILE), formatContractsLock(update.lock));
writeFileSync(path.join(root, CONTRACTS_CHANGELOG_FILE), renderContractsChangelog(update.lock));
if (update.stale) {
  console.log(`wrote ${CONTRACTS_LOCK_FILE} and ${CONTRACTS_CHANGELOG_FILE}:`);
  for (const line of update.lock.changelog.at(-1)?.changes ?? []) console.log(`  - ${line}`);
} else {
  console.log(`${CONTRACTS_LOCK_FILE} is up to date; wrote ${CONTRACTS_CHANGELOG_FILE}.`);
}
