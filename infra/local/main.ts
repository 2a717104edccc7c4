import { RUNTIME_ENV } from '../../shared/contracts/platformEnvironment.ts';
import { readLocalSettings } from './localSettings.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_NAMES } from './shared/localNames.ts';
import { type EmbeddedPlatform, startPlatform } from './startPlatform.ts';

// The SDK warns that from 2027 it needs Node 22; the README says so once, rather than every start.
process.env[RUNTIME_ENV.sdkNodeVersionWarningDisabled] ??= 'true';

// `npm start`: the whole platform on this machine, data kept under SOLEIL_DATA_DIR (default .soleil/).
const settings = readLocalSettings();

/** Routes that exist only here (development sign-in, say): how a newcomer gets going without Google. */
const localOnlyRoutes = ({ model, urls }: EmbeddedPlatform): string[] => {
  const routes = model.routes.filter((r) => r.localOnly);
  if (routes.length === 0) return [];
  return [
    '',
    '  Local-only routes (not deployed to AWS):',
    ...routes.map((r) => `    ${r.method} ${urls.http}${r.path}\n      ${r.description}`),
  ];
};

const describe = (platform: EmbeddedPlatform): string => {
  const { urls, model } = platform;
  return [
    '',
    `SOLEil is running (${model.modules.length} modules, ${model.functions.length} functions, ` +
      `${model.rules.length} rules, ${model.schedules.length} schedules) — ready in ${platform.startupMs} ms`,
    '',
    `  HTTP API        ${urls.http}            (try ${urls.http}/api/system/health)`,
    `  WebSocket API   ${urls.ws}`,
    `  AWS endpoint    ${urls.aws}            EventBridge, Lambda, @connections (signed: local / local)`,
    `                  ${RUNTIME_ENV.accessKeyId}=${LOCAL_AWS_CREDENTIALS.accessKeyId} ` +
      `${RUNTIME_ENV.secretAccessKey}=${LOCAL_AWS_CREDENTIALS.secretAccessKey} aws events list-rules \\`,
    `                    --endpoint-url ${urls.aws} --region eu-west-1 --event-bus-name ${LOCAL_NAMES.eventBusName}`,
    `  DynamoDB Local  ${urls.dynamodb}`,
    `  Data            ${settings.dataDir}`,
    `  Dead letters    npm run dlq -- list`,
    ...localOnlyRoutes(platform),
    '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
};

const main = async (): Promise<void> => {
  let platform: EmbeddedPlatform | undefined;
  let stopRequested: string | undefined;
  const stop = (signal: string): void => {
    if (stopRequested) return;
    stopRequested = signal;
    // Still starting: stop as soon as the start finishes, so DynamoDB Local's JVM is not left behind.
    if (!platform) return;
    console.log(`\n${signal}: stopping SOLEil...`);
    // A stop that hangs must not leave the terminal stuck.
    setTimeout(() => process.exit(1), 10_000).unref();
    platform.stop().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`Stopped with an error: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    platform = await startPlatform({
      ports: settings.ports,
      dataDir: settings.dataDir,
      archiveRetentionDays: settings.archiveRetentionDays,
      ...(settings.functionsDir ? { functionsDir: settings.functionsDir } : {}),
    });
  } catch (error) {
    console.error(`SOLEil could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  const requested = stopRequested;
  if (requested) {
    stopRequested = undefined;
    stop(requested);
    return;
  }
  console.log(describe(platform));
};

await main();
