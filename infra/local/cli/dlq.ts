import { readLocalSettings } from '../localSettings.ts';
import { DlqUsageError, runDlqCommand } from './dlqCommand.ts';

// `npm run dlq -- list|redrive <rule>|redrive --all`: talks to the running platform on SOLEIL_AWS_PORT.
const awsUrl = `http://127.0.0.1:${readLocalSettings().ports.aws}`;
try {
  for (const line of await runDlqCommand(process.argv.slice(2), awsUrl)) console.log(line);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = error instanceof DlqUsageError ? 2 : 1;
}
