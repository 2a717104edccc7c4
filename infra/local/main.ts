import { readLocalSettings } from './localSettings.ts';
import { type EmbeddedPlatform, startPlatform } from './startPlatform.ts';

// `npm start`: the whole platform on this machine, data kept under SOLEIL_DATA_DIR (default .soleil/).
const settings = readLocalSettings();

const describe = (platform: EmbeddedPlatform): string => {
  const { urls, model } = platform;
  return [
    '',
    `SOLEil is running (${model.modules.length} modules, ${model.functions.length} functions, ` +
      `${model.rules.length} rules, ${model.schedules.length} schedules) — ready in ${platform.startupMs} ms`,
    '',
    `  HTTP API        ${urls.http}            (try ${urls.http}/api/system/health)`,
    `  WebSocket API   ${urls.ws}`,
    `  AWS endpoint    ${urls.aws}            EventBridge, Lambda, @connections`,
    `                  aws events list-rules --endpoint-url ${urls.aws} --region eu-west-1`,
    `  DynamoDB Local  ${urls.dynamodb}`,
    `  Data            ${settings.dataDir}`,
    `  Dead letters    npm run dlq -- list`,
    '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
};

const main = async (): Promise<void> => {
  let platform: EmbeddedPlatform;
  try {
    platform = await startPlatform({ ports: settings.ports, dataDir: settings.dataDir });
  } catch (error) {
    console.error(`SOLEil could not start: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  console.log(describe(platform));
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping SOLEil...`);
    // A second Ctrl-C, or a stop that hangs, must not leave the terminal stuck.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
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
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
};

await main();
