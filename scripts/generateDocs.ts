import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderDocs } from '../infra/docs/renderDocs.ts';
import { loadPlatformModel, repositoryRoot } from '../shared/platformModel/loadPlatformModel.ts';

const root = repositoryRoot();
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const outDir = path.join(root, 'docs', 'generated');
mkdirSync(outDir, { recursive: true });
for (const [file, content] of Object.entries(renderDocs(await loadPlatformModel(), version))) {
  writeFileSync(path.join(outDir, file), content);
  console.log(`wrote docs/generated/${file}`);
}
