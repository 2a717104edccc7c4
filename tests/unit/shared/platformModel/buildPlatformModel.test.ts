import { describe, expect, it } from 'vitest';
import { eventContracts } from '../../../../shared/contracts/eventCatalog.ts';
import { defineModule, InvalidManifestError } from '../../../../shared/contracts/moduleManifest.ts';
import { buildPlatformModel } from '../../../../shared/platformModel/buildPlatformModel.ts';
import { DEFAULT_ROUTE_THROTTLE } from '../../../../shared/platformModel/modelConstants.ts';
import { PlatformModelError } from '../../../../shared/platformModel/PlatformModelError.ts';
import { routeThrottle } from '../../../../shared/platformModel/routeThrottle.ts';
import {
  authorizerParts,
  fixtureManifest,
  fixtureService,
  manifestInput,
} from '../../../helpers/manifestFixtures.ts';

const build = (...manifests: ReturnType<typeof fixtureManifest>[]) =>
  buildPlatformModel(manifests, { eventContracts });

/** Runs `fn`, expecting a PlatformModelError; returns its problems. */
const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof PlatformModelError) return error.problems;
    throw error;
  }
  throw new Error('expected the platform model to be rejected');
};

const drive = fixtureManifest('drive', { publishes: ['drive.file_added', 'drive.file_changed'] });

describe('buildPlatformModel', () => {
  it('renders rules with the full EventBridge pattern, one per subscription', () => {
    const content = fixtureManifest('content', {
      subscriptions: [
        {
          id: 'onFileChange',
          events: ['drive.file_added', 'drive.file_changed'],
          detailPattern: { metadata: { bandId: [{ exists: true }] } },
          handler: 'handlers/onFileChange.handler',
        },
      ],
    });
    const model = build(drive, content);
    expect(model.rules).toEqual([
      {
        id: 'content-onFileChange',
        module: 'content',
        subscriptionId: 'onFileChange',
        events: ['drive.file_added', 'drive.file_changed'],
        pattern: {
          source: ['soleil.drive'],
          'detail-type': ['drive.file_added', 'drive.file_changed'],
          detail: { metadata: { bandId: [{ exists: true }] } },
        },
        functionId: 'content-onFileChange',
        maxRetries: 8,
        maxEventAgeSeconds: 3600,
      },
    ]);
    const added = model.events.find((e) => e.name === 'drive.file_added');
    expect(added?.published).toBe(true);
    expect(added?.subscribers).toEqual([{ module: 'content', subscriptionId: 'onFileChange' }]);
    expect(added?.dataSchema).toMatchObject({ type: 'object' });
  });

  it('gives a module with subscriptions its own idempotency table, and only that module', () => {
    const content = fixtureManifest('content', {
      subscriptions: [{ id: 'onAdd', events: ['drive.file_added'], handler: 'handlers/onAdd.handler' }],
    });
    const model = build(drive, content);
    expect(model.tables.map((t) => t.id)).toEqual(['content-idempotency']);
    const fn = model.functions.find((f) => f.id === 'content-onAdd');
    expect(fn?.tables).toEqual(['content-idempotency']);
    expect(model.functions.find((f) => f.id === 'drive-health')?.tables).toEqual([]);
  });

  it('makes one function of a handler used by two routes, sized for the larger', () => {
    const m = fixtureManifest('drive', {
      routes: [
        {
          method: 'GET',
          path: '/api/drive/files',
          auth: 'user',
          handler: 'handlers/files.handler',
          description: 'List',
        },
        {
          method: 'DELETE',
          path: '/api/drive/files/{fileId}',
          auth: 'user',
          handler: 'handlers/files.handler',
          description: 'Delete',
          timeoutSeconds: 20,
        },
      ],
    });
    const fn = build(m).functions.find((f) => f.id === 'drive-files');
    expect(fn).toMatchObject({
      entry: 'functions/drive/handlers/files.ts',
      exportName: 'handler',
      timeoutSeconds: 20,
    });
    expect(fn?.roles).toEqual(['route']);
  });

  it('rejects a module publishing an event it does not own, naming the module and the owner', () => {
    const problems = problemsOf(() => build(fixtureManifest('content', { publishes: ['drive.file_added'] })));
    expect(problems).toEqual([
      expect.stringMatching(/Module "content" publishes "drive.file_added", which is owned by "drive"/),
    ]);
  });

  it('rejects publishing an event that has no contract', () => {
    const problems = problemsOf(() =>
      build(fixtureManifest('drive', { publishes: ['drive.file_exploded'] })),
    );
    expect(problems[0]).toMatch(/"drive.file_exploded", which has no contract/);
  });

  it('rejects a subscription to an event nobody publishes', () => {
    const content = fixtureManifest('content', {
      subscriptions: [
        { id: 'onRemoved', events: ['drive.file_removed'], handler: 'handlers/onRemoved.handler' },
      ],
    });
    const problems = problemsOf(() => build(drive, content));
    expect(problems).toEqual([
      expect.stringMatching(
        /Module "content" subscription "onRemoved" listens to "drive.file_removed", which no module publishes: add it to the publishes of "drive"/,
      ),
    ]);
  });

  it('accepts a subscription to an event whose owner module is not part of the platform yet', () => {
    const content = fixtureManifest('content', {
      subscriptions: [
        { id: 'onRemoved', events: ['drive.file_removed'], handler: 'handlers/onRemoved.handler' },
      ],
    });
    const model = build(content);
    expect(model.rules.map((r) => r.id)).toEqual(['content-onRemoved']);
  });

  it('rejects two routes on the same method and path, even with different parameter names', () => {
    const a = fixtureManifest('drive', {
      routes: [
        {
          method: 'GET',
          path: '/api/drive/{bandId}',
          auth: 'user',
          handler: 'handlers/a.handler',
          description: 'A',
        },
      ],
    });
    const b = fixtureManifest('drive2', {
      routes: [
        {
          method: 'GET',
          path: '/.well-known/x',
          auth: 'public',
          handler: 'handlers/b.handler',
          description: 'B',
        },
      ],
    });
    const c = fixtureManifest('drive3', {
      routes: [
        {
          method: 'GET',
          path: '/.well-known/x',
          auth: 'public',
          handler: 'handlers/c.handler',
          description: 'C',
        },
      ],
    });
    const d = fixtureManifest('drive4', {
      routes: [
        {
          method: 'GET',
          path: '/api/drive4/{id}',
          auth: 'user',
          handler: 'handlers/d.handler',
          description: 'D',
        },
        {
          method: 'GET',
          path: '/api/drive4/{fileId}',
          auth: 'user',
          handler: 'handlers/e.handler',
          description: 'E',
        },
      ],
    });
    expect(() => build(a)).not.toThrow();
    expect(problemsOf(() => build(b, c))).toEqual([
      expect.stringMatching(
        /Route GET \/.well-known\/x of module "drive3" clashes with a route of module "drive2"/,
      ),
    ]);
    expect(problemsOf(() => build(d))[0]).toMatch(/GET \/api\/drive4\/\{fileId\} of module "drive4" clashes/);
  });

  it('rejects a route outside the module’s own path prefix', () => {
    const m = fixtureManifest('drive', {
      routes: [
        {
          method: 'GET',
          path: '/api/auth/me',
          auth: 'user',
          handler: 'handlers/a.handler',
          description: 'A',
        },
      ],
    });
    expect(problemsOf(() => build(m))[0]).toMatch(/outside its paths: start it with \/api\/drive\//);
  });

  it('accepts the module’s root path but not a longer name sharing its prefix', () => {
    const route = (path: string) => ({
      method: 'GET' as const,
      path,
      auth: 'user' as const,
      handler: 'handlers/a.handler',
      description: 'A',
    });
    expect(() => build(fixtureManifest('drive', { routes: [route('/api/drive')] }))).not.toThrow();
    expect(problemsOf(() => build(fixtureManifest('drive', { routes: [route('/api/drivex')] })))[0]).toMatch(
      /outside its paths/,
    );
  });

  it('accepts a use of a service whose provider is not part of the platform yet, when its contract exists', () => {
    const caller = fixtureManifest('dashboard', { uses: [{ module: 'auth', service: 'user_service' }] });
    expect(build(caller).modules.find((m) => m.name === 'dashboard')?.dependencies).toEqual(['auth']);
    const typo = fixtureManifest('dashboard', { uses: [{ module: 'auth', service: 'user_servise' }] });
    expect(problemsOf(() => build(typo))).toEqual([
      expect.stringMatching(/uses service "auth\/user_servise", which is not declared/),
    ]);
  });

  it('rejects a call to a service that is not declared', () => {
    const caller = fixtureManifest('dashboard', { uses: [{ module: 'auth', service: 'user_service' }] });
    expect(problemsOf(() => build(caller, fixtureManifest('auth')))).toEqual([
      expect.stringMatching(
        /Module "dashboard" uses service "auth\/user_service", which is not declared: declare it in functions\/auth\/module.ts/,
      ),
    ]);
    const provider = fixtureManifest('auth', {
      services: [
        { contract: fixtureService('auth', 'user_service'), handler: 'handlers/userService.handler' },
      ],
    });
    const model = build(caller, provider);
    expect(model.modules.find((m) => m.name === 'dashboard')?.dependencies).toEqual(['auth']);
    expect(model.services).toEqual([
      expect.objectContaining({
        module: 'auth',
        name: 'user_service',
        operations: ['echo'],
        functionId: 'auth-userService',
      }),
    ]);
  });

  it('rejects a service declared by a module that does not own its contract', () => {
    const m = fixtureManifest('drive', {
      services: [{ contract: fixtureService('auth', 'user_service'), handler: 'handlers/s.handler' }],
    });
    expect(problemsOf(() => build(m))[0]).toMatch(
      /Module "drive" declares service "user_service", whose contract belongs to "auth"/,
    );
  });

  it('rejects a manifest without a health check or a version, naming the module', () => {
    const { health: _health, ...noHealth } = manifestInput('drive');
    expect(() => defineModule(noHealth as never)).toThrow(InvalidManifestError);
    expect(() => defineModule(noHealth as never)).toThrow(
      /Module "drive" has an invalid manifest[\s\S]*health/,
    );
    const { version: _version, ...noVersion } = manifestInput('drive');
    expect(() => defineModule(noVersion as never)).toThrow(/Module "drive"[\s\S]*version/);
    expect(() => defineModule(manifestInput('drive', { version: 'one' }))).toThrow(/semantic version/);
    const { services: _services, ...noServices } = manifestInput('drive');
    expect(() => defineModule(noServices as never)).toThrow(/services/);
  });

  it('rejects a duplicate module name', () => {
    expect(problemsOf(() => build(fixtureManifest('drive'), fixtureManifest('drive')))[0]).toMatch(
      /Module "drive" is declared twice/,
    );
  });

  it('rejects a duplicate table name, including the reserved idempotency table', () => {
    const table = { name: 'files', partitionKey: { name: 'pk', type: 'S' as const } };
    expect(problemsOf(() => build(fixtureManifest('drive', { tables: [table, table] })))[0]).toMatch(
      /Module "drive" declares table "files" twice/,
    );
    const reserved = fixtureManifest('content', {
      tables: [{ name: 'idempotency', partitionKey: { name: 'pk', type: 'S' } }],
      subscriptions: [{ id: 'onAdd', events: ['drive.file_added'], handler: 'handlers/onAdd.handler' }],
    });
    expect(problemsOf(() => build(drive, reserved))[0]).toMatch(/reserves for idempotency/);
  });

  it('rejects a handler whose file does not exist', () => {
    const problems = problemsOf(() =>
      buildPlatformModel([fixtureManifest('drive')], { eventContracts, handlerExists: () => false }),
    );
    expect(problems[0]).toMatch(
      /Module "drive" names handler "handlers\/health.handler", but functions\/drive\/handlers\/health.ts does not exist/,
    );
  });

  it('rejects an invalid subscription pattern with the validator’s reason', () => {
    const content = fixtureManifest('content', {
      subscriptions: [
        {
          id: 'onAdd',
          events: ['drive.file_added'],
          detailPattern: { size: 5 },
          handler: 'handlers/onAdd.handler',
        },
      ],
    });
    const problems = problemsOf(() =>
      buildPlatformModel([drive, content], {
        eventContracts,
        validatePattern: () => {
          throw new Error('"size" must be an object or an array');
        },
      }),
    );
    expect(problems[0]).toMatch(
      /subscription "onAdd" has an invalid detailPattern: "size" must be an object or an array/,
    );
  });

  it('reports every problem at once', () => {
    const bad = fixtureManifest('content', {
      publishes: ['drive.file_added'],
      uses: [{ module: 'nobody', service: 'x' }],
    });
    expect(problemsOf(() => build(bad))).toHaveLength(2);
  });

  it('allows only one authorizer', () => {
    const a = fixtureManifest('auth', authorizerParts());
    const b = fixtureManifest('auth2', authorizerParts());
    expect(build(a).authorizer).toEqual({ module: 'auth', functionId: 'auth-authorize' });
    expect(problemsOf(() => build(a, b))[0]).toMatch(/each declare an authorizer/);
  });

  it('refuses a leader route that does not name its band', () => {
    expect(() =>
      fixtureManifest('auth', {
        routes: [
          {
            method: 'POST',
            path: '/api/auth/bands',
            auth: 'leader',
            handler: 'handlers/a.handler',
            description: 'A',
          },
        ],
      }),
    ).toThrow(/leader.*\{bandId\}/);
  });

  it('carries module settings into the model and refuses names the platform sets itself', () => {
    const setting = {
      name: 'SOLEIL_DRIVE_FOLDER',
      description: 'Library folder',
      localDefault: '.soleil/library',
    };
    expect(build(fixtureManifest('drive', { config: [setting] })).modules[0]?.config).toEqual([
      {
        name: 'SOLEIL_DRIVE_FOLDER',
        description: 'Library folder',
        default: null,
        localDefault: '.soleil/library',
      },
    ]);
    const clash = fixtureManifest('drive', {
      config: [{ name: 'SOLEIL_TABLE_FILES', description: 'x' }, setting, setting],
    });
    expect(problemsOf(() => build(clash))).toEqual([
      expect.stringMatching(/SOLEIL_TABLE_FILES, a name the platform sets itself/),
      expect.stringMatching(/declares setting SOLEIL_DRIVE_FOLDER twice/),
    ]);
  });

  it('refuses a setting named like any variable the platform owns, from the one registry', () => {
    const owned = [
      'SOLEIL_USES',
      'SOLEIL_LEADER_ROUTES',
      'SOLEIL_FUNCTION_ID',
      'SOLEIL_HTTP_PORT',
      'SOLEIL_DATA_DIR',
    ];
    const clash = fixtureManifest('drive', { config: owned.map((name) => ({ name, description: 'x' })) });
    expect(problemsOf(() => build(clash))).toEqual(
      owned.map(
        (name) => `Module "drive" declares setting ${name}, a name the platform sets itself: rename it.`,
      ),
    );
  });

  it('carries signing keys into the model with their id and environment variable', () => {
    const key = { name: 'access-tokens', algorithm: 'ES256' as const, description: 'Signs access tokens' };
    const model = build(fixtureManifest('auth', { signingKeys: [key] }), drive);
    expect(model.signingKeys).toEqual([
      {
        id: 'auth-access-tokens',
        module: 'auth',
        name: 'access-tokens',
        algorithm: 'ES256',
        description: 'Signs access tokens',
        envVar: 'SOLEIL_SIGNING_KEY_ACCESS_TOKENS',
        generation: 1,
        previousEnvVar: 'SOLEIL_SIGNING_KEY_ACCESS_TOKENS_PREVIOUS',
      },
    ]);
    expect(build(drive).signingKeys).toEqual([]);
    const rotated = build(fixtureManifest('auth', { signingKeys: [{ ...key, generation: 3 }] }));
    expect(rotated.signingKeys?.[0]?.generation).toBe(3);
  });

  it('refuses a signing key declared twice by one module and a setting named like a signing key', () => {
    const key = { name: 'access-tokens', algorithm: 'ES256' as const, description: 'Signs access tokens' };
    const twice = fixtureManifest('auth', {
      signingKeys: [key, { ...key, description: 'again' }],
      config: [{ name: 'SOLEIL_SIGNING_KEY_ACCESS_TOKENS', description: 'x' }],
    });
    expect(problemsOf(() => build(twice))).toEqual([
      expect.stringMatching(/SOLEIL_SIGNING_KEY_ACCESS_TOKENS, a name the platform sets itself/),
      expect.stringMatching(/Module "auth" declares signing key "access-tokens" twice/),
    ]);
    const shadow = fixtureManifest('auth', {
      signingKeys: [key, { ...key, name: 'access-tokens-previous' }],
    });
    expect(problemsOf(() => build(shadow))).toEqual([
      expect.stringMatching(
        /"access-tokens-previous" shares an environment variable with another of its keys/,
      ),
    ]);
    // The same key name in two modules is two keys: ids and grants are per module.
    const other = fixtureManifest('drive', { signingKeys: [key] });
    expect(
      build(fixtureManifest('auth', { signingKeys: [key] }), other).signingKeys?.map((k) => k.id),
    ).toEqual(['auth-access-tokens', 'drive-access-tokens']);
  });

  it('rejects a signing key with an unsupported algorithm or a bad name in the manifest', () => {
    expect(() =>
      defineModule(
        manifestInput('auth', {
          signingKeys: [{ name: 'Access_Tokens', algorithm: 'RS256' as never, description: 'x' }],
        }),
      ),
    ).toThrow(InvalidManifestError);
  });

  it('sizes a function as declared, even below the defaults, and by default otherwise', () => {
    const m = fixtureManifest('drive', {
      routes: [
        {
          method: 'GET',
          path: '/api/drive/quick',
          auth: 'user',
          handler: 'handlers/quick.handler',
          description: 'Quick',
          timeoutSeconds: 2,
          memoryMb: 256,
        },
      ],
    });
    const functions = build(m).functions;
    expect(functions.find((f) => f.id === 'drive-quick')).toMatchObject({ timeoutSeconds: 2, memoryMb: 256 });
    expect(functions.find((f) => f.id === 'drive-health')).toMatchObject({
      timeoutSeconds: 10,
      memoryMb: 512,
    });
  });
});

describe('buildPlatformModel: metrics and alarms', () => {
  const metric = { name: 'FilesScanned', description: 'Files a scan looked at.' };
  const alarm = { name: 'ScanStuck', metric: 'FilesScanned', threshold: 1, description: 'Scans fail.' };

  it('carries declared metrics and alarms into the model, with their defaults', () => {
    const model = build(fixtureManifest('drive', { metrics: [metric], alarms: [alarm] }));
    expect(model.metrics).toEqual([{ module: 'drive', unit: 'Count', ...metric }]);
    expect(model.alarms).toEqual([
      {
        id: 'drive-ScanStuck',
        module: 'drive',
        statistic: 'Sum',
        periodMinutes: 5,
        evaluationPeriods: 1,
        ...alarm,
      },
    ]);
  });

  it('refuses a metric or an alarm declared twice, and an alarm on a metric its module does not declare', () => {
    const problems = problemsOf(() =>
      build(
        fixtureManifest('drive', {
          metrics: [metric, metric],
          alarms: [alarm, alarm, { ...alarm, name: 'Typo', metric: 'FileScanned' }],
        }),
        // Another module's metric of that name does not count: alarms watch their own module's metrics.
        fixtureManifest('content', { alarms: [{ ...alarm, name: 'Borrowed' }] }),
      ),
    );
    expect(problems).toEqual([
      'Module "drive" declares metric "FilesScanned" twice: remove one.',
      'Module "drive" declares alarm "ScanStuck" twice: rename one.',
      'Module "drive" alarm "Typo" watches metric "FileScanned", which drive does not declare: ' +
        "add it to drive's metrics, or fix the alarm's metric.",
      'Module "content" alarm "Borrowed" watches metric "FilesScanned", which content does not declare: ' +
        "add it to content's metrics, or fix the alarm's metric.",
    ]);
  });

  it('insists that the authorizer’s module alarms on something, since its Lambda errors are refusals', () => {
    const bare = fixtureManifest('auth', { authorizer: { handler: 'handlers/authorize.handler' } });
    expect(problemsOf(() => build(bare))).toEqual([
      expect.stringMatching(
        /Module "auth" provides the authorizer, .* declare a metric for its unexpected failures and an alarm on it/,
      ),
    ]);
  });

  it('refuses a malformed metric or alarm in the manifest itself', () => {
    expect(() => fixtureManifest('drive', { metrics: [{ ...metric, name: 'files_scanned' }] })).toThrow(
      /PascalCase/,
    );
    expect(() =>
      fixtureManifest('drive', { metrics: [metric], alarms: [{ ...alarm, statistic: 'p101' }] }),
    ).toThrow(/percentile/);
    expect(() =>
      fixtureManifest('drive', { metrics: [metric], alarms: [{ ...alarm, threshold: 0 }] }),
    ).toThrow(InvalidManifestError);
  });
});

describe('buildPlatformModel: throttling', () => {
  const route = (path: string, throttle?: { rateLimit: number; burstLimit: number }) => ({
    method: 'POST' as const,
    path,
    auth: 'public' as const,
    handler: 'handlers/a.handler',
    description: 'A',
    ...(throttle ? { throttle } : {}),
  });

  it('carries the platform default and the routes a manifest limits, by route key', () => {
    const model = build(
      fixtureManifest('drive', {
        routes: [route('/api/drive/scan', { rateLimit: 2, burstLimit: 4 }), route('/api/drive/other')],
      }),
    );
    expect(model.throttling).toEqual({
      default: DEFAULT_ROUTE_THROTTLE,
      routes: [
        { module: 'drive', routeKey: 'POST /api/drive/scan', localOnly: false, rateLimit: 2, burstLimit: 4 },
      ],
    });
    expect(routeThrottle(model.throttling, 'POST /api/drive/scan')).toEqual({ rateLimit: 2, burstLimit: 4 });
    expect(routeThrottle(model.throttling, 'POST /api/drive/other')).toEqual(DEFAULT_ROUTE_THROTTLE);
  });

  it('refuses a route limit looser than the platform default, naming the route and the fix', () => {
    const loose = { rateLimit: DEFAULT_ROUTE_THROTTLE.rateLimit + 1, burstLimit: 1 };
    expect(
      problemsOf(() => build(fixtureManifest('drive', { routes: [route('/api/drive/scan', loose)] }))),
    ).toEqual([
      `Module "drive" route POST /api/drive/scan allows ${loose.rateLimit}/s, burst 1, more than the platform ` +
        `default (${DEFAULT_ROUTE_THROTTLE.rateLimit}/s, burst ${DEFAULT_ROUTE_THROTTLE.burstLimit}): a route's ` +
        'limits only tighten the default; lower them, or raise DEFAULT_ROUTE_THROTTLE in ' +
        'shared/platformModel/modelConstants.ts.',
    ]);
  });

  it('refuses a limit API Gateway would not take, in the manifest itself', () => {
    expect(() =>
      fixtureManifest('drive', { routes: [route('/api/drive/scan', { rateLimit: 0, burstLimit: 1 })] }),
    ).toThrow(InvalidManifestError);
    expect(() =>
      fixtureManifest('drive', { routes: [route('/api/drive/scan', { rateLimit: 1, burstLimit: 2.5 })] }),
    ).toThrow(/burstLimit/);
  });
});
