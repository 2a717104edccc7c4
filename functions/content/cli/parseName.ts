import { readFileSync } from 'node:fs';
import { parseNameCommand } from './parseNameCommand.ts';

// A development tool run with tsx (`npm run parse-name`); no handler imports it, so no Lambda bundle contains it.
const args = process.argv.slice(2);
const stdinText = args.length === 0 && !process.stdin.isTTY ? readFileSync(0, 'utf8') : undefined;
const outcome = parseNameCommand(args, stdinText);
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.exitCode;
