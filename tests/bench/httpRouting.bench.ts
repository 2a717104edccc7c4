import { Bench } from 'tinybench';
import { HttpRouteTable } from '../../infra/local/http/HttpRouteTable.ts';
import type { RouteModel } from '../../shared/platformModel/PlatformModel.ts';
import { printBenchTable, runWhenMain } from './benchReport.ts';

/** Ten resources in five modules, each with list/create/get/update/delete: 50 routes, shaped like the API. */
const ROUTES: RouteModel[] = ['auth', 'drive', 'content', 'sync', 'dashboard'].flatMap((module) =>
  ['bands', 'files'].flatMap((resource) => {
    const base = `/api/${module}/${resource}`;
    const one = `${base}/{${resource.slice(0, -1)}Id}`;
    return (
      [
        ['GET', base],
        ['POST', base],
        ['GET', one],
        ['PUT', one],
        ['DELETE', one],
      ] as const
    ).map(([method, path]) => ({
      module,
      method,
      path,
      auth: 'user' as const,
      description: `${method} ${path}`,
      functionId: `${module}-${resource}`,
      localOnly: false,
    }));
  }),
);

/** Requests: a literal route early and late in the table, a parameter route, an encoded one, and a 404. */
const REQUESTS: readonly (readonly [string, string])[] = [
  ['GET', '/api/auth/bands'],
  ['DELETE', '/api/dashboard/files/f-42'],
  ['GET', '/api/content/bands/b-beatles'],
  ['PUT', '/api/sync/files/caf%C3%A9%2Fset-list.pdf'],
  ['GET', '/api/nowhere/at/all'],
];

/**
 * Micro-benchmark of the local HTTP API's route matching (every request goes through it before its
 * function runs): ~50 routes, method + path, literal segments preferred over parameters.
 */
export async function runHttpRoutingBench(): Promise<void> {
  const table = new HttpRouteTable(ROUTES);
  let sink = 0;
  let cursor = 0;
  const bench = new Bench({ name: 'HTTP route matching', time: 500 });
  bench.add('build the table (50 routes)', () => {
    sink += new HttpRouteTable(ROUTES) === table ? 1 : 0;
  });
  for (const [method, path] of REQUESTS) {
    bench.add(`match ${method} ${path}`, () => {
      if (table.match(method, path)) sink++;
    });
  }
  bench.add('match a mix of the above', () => {
    const [method, path] = REQUESTS[cursor++ % REQUESTS.length] ?? ['GET', '/'];
    if (table.match(method, path)) sink++;
  });
  await bench.run();

  printBenchTable(bench, `${bench.name} (${ROUTES.length} routes)`, 'ns');
  if (sink === -1) console.log('unreachable');
}

await runWhenMain(import.meta.url, runHttpRoutingBench);
