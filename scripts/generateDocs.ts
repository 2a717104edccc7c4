import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderContractsChangelog } from '../infra/docs/renderContractsChangelog.ts';
import { renderDocs } from '../infra/docs/renderDocs.ts';
import { loadPlatformModel, repositoryRoot } from '../shared/platformModel/loadPlatformModel.ts';
import { CONTRACTS_CHANGELOG_FILE, readContractsLock } from './contracts/repositoryContracts.ts';

const root = repositoryRoot();
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const outDir = path.join(root, 'docs', 'generated');
mkdirSync(outDir, { recursive: true });
for (const [file, content] of Object.entries(renderDocs(await loadPlatformModel(), version))) {
  writeFileSync(path.join(outDir, file), content);
  console.log(`wrote docs/generated/${file}`);
}
// The changelog renders the committed lock, never the working contracts: only `npm run contracts:lock`,
// which refuses a breaking change, moves the lock.
const lock = readContractsLock(root);
if (lock) {
  writeFileSync(path.join(root, CONTRACTS_CHANGELOG_FILE), renderContractsChangelog(lock));
  console.log(`wrote ${CONTRACTS_CHANGELOG_FILE}`);
}
