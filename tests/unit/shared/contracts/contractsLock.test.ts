import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderContractsChangelog } from '../../../../infra/docs/renderContractsChangelog.ts';
import {
  CONTRACTS_CHANGELOG_FILE,
  currentContracts,
  readContractsLock,
  today,
} from '../../../../scripts/contracts/repositoryContracts.ts';
import { updateContractsLock } from '../../../../shared/contracts/compatibility/updateContractsLock.ts';
import { repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';

describe('the contracts lock (shared/contracts/contracts.lock.json)', () => {
  it('is committed', () => {
    expect(readContractsLock(), 'run npm run contracts:lock').toBeDefined();
  });

  it('holds the contracts as they are: nothing breaks a reader, and the lock is not stale', async () => {
    const update = updateContractsLock(readContractsLock(), await currentContracts(), today());
    expect(
      update.breaking.map((c) => c.message),
      'incompatible contract changes: publish a new event version (or a new operation) instead',
    ).toEqual([]);
    expect(
      update.stale,
      `the lock is stale: run npm run contracts:lock\n${update.changes.map((c) => c.message).join('\n')}`,
    ).toBe(false);
  });

  it('has a fresh changelog in docs/generated (npm run contracts:lock or npm run docs)', () => {
    const lock = readContractsLock();
    if (!lock) throw new Error('no contracts lock: run npm run contracts:lock');
    const onDisk = readFileSync(path.join(repositoryRoot(), CONTRACTS_CHANGELOG_FILE), 'utf8');
    expect(onDisk, `${CONTRACTS_CHANGELOG_FILE} is stale: run npm run docs`).toBe(
      renderContractsChangelog(lock),
    );
  });
});
