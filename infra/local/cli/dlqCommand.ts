import { LOCAL_PLATFORM_ENV } from '../../../shared/contracts/platformEnvironment.ts';
import { localAwsFetch } from '../aws/localAwsFetch.ts';
import type { DeadLetter } from '../deadLetters/DeadLetterStore.ts';
import type { BusEvent } from '../shared/BusEvent.ts';

/** Thrown for a command line the dlq tool does not understand; the message is the usage. */
export class DlqUsageError extends Error {
  override readonly name = 'DlqUsageError';
}

const DLQ_USAGE = [
  'Usage: npm run dlq -- <command>',
  '  list [<queue>]         dead letters of every queue, or of one: a rule, or lambda:<function>',
  '  redrive <queue>        deliver a queue’s dead letters again',
  '  redrive --all          deliver every queue’s dead letters again',
].join('\n');

/**
 * Runs `npm run dlq` against a running platform's admin routes on the local AWS endpoint.
 * @returns the lines to print
 */
export const runDlqCommand = async (args: readonly string[], awsUrl: string): Promise<string[]> => {
  const [command, target] = args;
  if (command === 'list') {
    const query = target ? `?rule=${encodeURIComponent(target)}` : '';
    const { deadLetters } = (await request(`${awsUrl}/_soleil/dlq${query}`)) as { deadLetters: DeadLetter[] };
    if (deadLetters.length === 0)
      return [target ? `No dead letters for rule ${target}.` : 'No dead letters.'];
    return deadLetters.map(
      (l) =>
        `${l.deadLetteredAt}  ${l.ruleId}  ${describeEvent(l.event)}  ` +
        `${l.errorType}: ${l.errorMessage}  (${l.exhaustedRetryCondition}, ${l.retryAttempts} retries)`,
    );
  }
  if (command === 'redrive' && target) {
    const body = target === '--all' ? {} : { rule: target };
    const { redriven } = (await request(`${awsUrl}/_soleil/dlq/redrive`, body)) as { redriven: number };
    return [
      `Redriven ${redriven} dead letter${redriven === 1 ? '' : 's'}${target === '--all' ? '' : ` of ${target}`}.`,
    ];
  }
  throw new DlqUsageError(DLQ_USAGE);
};

/** A rule's letter holds a bus event; an asynchronous invocation's, the payload it was invoked with. */
const describeEvent = (event: unknown): string => {
  const busEvent = event as Partial<BusEvent> | null;
  if (busEvent && typeof busEvent['detail-type'] === 'string') {
    return `${busEvent['detail-type']}  event ${String(busEvent.id)}`;
  }
  const payload = JSON.stringify(event) ?? 'undefined';
  return `payload ${payload.length > 80 ? `${payload.slice(0, 77)}...` : payload}`;
};

const request = async (url: string, body?: unknown): Promise<unknown> => {
  let response: Response;
  try {
    response = await localAwsFetch(url, body === undefined ? {} : { body: JSON.stringify(body) });
  } catch {
    throw new Error(
      `No SOLEil platform answers on ${new URL(url).origin}: start it with npm start (or set ${LOCAL_PLATFORM_ENV.awsPort}).`,
    );
  }
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
};
