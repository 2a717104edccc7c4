import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { ProbeOutcome } from '../domain/interpretHealthReply.ts';

/** Invokes a module's health function and reports what happened, never throwing. */
export class LambdaHealthProbe {
  constructor(
    private readonly lambda: LambdaClient = new LambdaClient({}),
    private readonly timeoutMs: number,
  ) {}

  /** Invokes `functionName`'s health check, giving up after `timeoutMs` (the probe's default when omitted). */
  async probe(functionName: string, timeoutMs = this.timeoutMs): Promise<ProbeOutcome> {
    const started = performance.now();
    const elapsed = (): number => performance.now() - started;
    try {
      const result = await this.lambda.send(
        new InvokeCommand({ FunctionName: functionName, Payload: '{}' }),
        {
          abortSignal: AbortSignal.timeout(timeoutMs),
        },
      );
      const text = result.Payload ? Buffer.from(result.Payload).toString('utf8') : 'null';
      if (result.FunctionError) {
        return { kind: 'failed', error: `health check failed: ${text.slice(0, 500)}`, latencyMs: elapsed() };
      }
      return { kind: 'replied', payload: JSON.parse(text) as unknown, latencyMs: elapsed() };
    } catch (error) {
      const timedOut = (error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError';
      return {
        kind: 'failed',
        error: timedOut ? `health check timed out after ${timeoutMs} ms` : (error as Error).message,
        latencyMs: elapsed(),
      };
    }
  }
}
