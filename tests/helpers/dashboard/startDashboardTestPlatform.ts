import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type EmbeddedPlatform,
  type StartPlatformOptions,
  startPlatform,
} from '../../../infra/local/startPlatform.ts';
import { eventContracts } from '../../../shared/contracts/eventCatalog.ts';
import { validateEventPattern } from '../../../shared/eventPatterns/index.ts';
import { buildPlatformModel } from '../../../shared/platformModel/buildPlatformModel.ts';
import { splitHandlerRef } from '../../../shared/platformModel/collectFunctions.ts';
import { loadManifests, repositoryRoot } from '../../../shared/platformModel/loadPlatformModel.ts';

/** The fixture content module serving `content_service` for the dashboard's platform tests. */
export const DASHBOARD_FIXTURE_FUNCTIONS = path.join(
  repositoryRoot(),
  'tests/fixtures/dashboard-platform/functions',
);

/** The real modules the dashboard's flows need; content is the fixture (the real one lands in parallel). */
const REAL_MODULES = ['auth', 'core', 'dashboard'];

const folderOf = (module: string): string =>
  module === 'content' ? DASHBOARD_FIXTURE_FUNCTIONS : path.join(repositoryRoot(), 'functions');

/**
 * Starts the embedded platform with the repository's auth, core and dashboard modules and the fixture content
 * module: the model is built from both folders, and the fixture's functions run from the fixture folder.
 */
export const startDashboardTestPlatform = async (
  options: Pick<StartPlatformOptions, 'functionOutput'> = {},
): Promise<EmbeddedPlatform> => {
  const real = (await loadManifests(path.join(repositoryRoot(), 'functions'))).filter((m) =>
    REAL_MODULES.includes(m.name),
  );
  const fixture = await loadManifests(DASHBOARD_FIXTURE_FUNCTIONS);
  const built = buildPlatformModel([...real, ...fixture], {
    eventContracts,
    validatePattern: validateEventPattern,
    handlerExists: (module, ref) => {
      const { file, exportName } = splitHandlerRef(ref);
      const source = path.join(folderOf(module), module, `${file}.ts`);
      return existsSync(source) && readFileSync(source, 'utf8').includes(`export const ${exportName}`);
    },
  });
  const fixtureEntry = path.relative(repositoryRoot(), DASHBOARD_FIXTURE_FUNCTIONS);
  const model = {
    ...built,
    functions: built.functions.map((fn) =>
      fn.module === 'content' ? { ...fn, entry: fn.entry.replace(/^functions\//, `${fixtureEntry}/`) } : fn,
    ),
  };
  return startPlatform({
    model,
    ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
    dataDir: null,
    retry: { timeScale: 0.001 },
    schedules: false,
    functionOutput: 'silent',
    log: () => undefined,
    ...options,
  });
};
