import { describe, expect, it, vi } from 'vitest';
import { DeadLetterStore } from '../../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { AsyncInvocations } from '../../../../../infra/local/functions/AsyncInvocations.ts';
import type { InvocationResult } from '../../../../../infra/local/shared/InvocationResult.ts';

const boom: InvocationResult = { ok: false, errorType: 'Boom', errorMessage: 'no' };

const setup = (outcome: (attempt: number) => InvocationResult, timeScale = 0.001) => {
  const calls: { functionId: string; payload: unknown; at: number }[] = [];
  const failures: number[] = [];
  const deadLetters = new DeadLetterStore();
  const invocations = new AsyncInvocations({
    invoke: async (functionId, payload) => {
      calls.push({ functionId, payload, at: Date.now() });
      return outcome(calls.length);
    },
    deadLetters,
    timeScale,
    onFailure: (_id, attempt) => failures.push(attempt),
  });
  return { invocations, calls, deadLetters, failures };
};

describe('AsyncInvocations', () => {
  it('retries a failed invocation twice, about 1 then 2 scaled minutes apart, then dead-letters it', async () => {
    const { invocations, calls, deadLetters, failures } = setup(() => boom);
    invocations.enqueue('core-notify', { n: 1 });
    expect(calls).toHaveLength(0);
    await invocations.idle();
    expect(calls.map((c) => c.payload)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    expect(failures).toEqual([1, 2, 3]);
    // 60 s and 120 s at a scale of 0.001: 60 ms and 120 ms (timers are never early).
    const [first, second, third] = calls.map((c) => c.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(59);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(119);
    expect(deadLetters.list()).toEqual([
      expect.objectContaining({
        ruleId: 'lambda:core-notify',
        functionId: 'core-notify',
        event: { n: 1 },
        errorType: 'Boom',
        exhaustedRetryCondition: 'MaximumRetryAttempts',
        retryAttempts: 2,
      }),
    ]);
  });

  it('stops retrying once a retry succeeds', async () => {
    const { invocations, calls, deadLetters } = setup((n) => (n === 1 ? boom : { ok: true, result: null }));
    invocations.enqueue('core-notify', {});
    await invocations.idle();
    expect(calls).toHaveLength(2);
    expect(deadLetters.list()).toHaveLength(0);
  });

  it("redrives only a function's queue, and leaves the rules' letters to the router", async () => {
    let healthy = false;
    const { invocations, calls, deadLetters } = setup(() => (healthy ? { ok: true, result: null } : boom));
    invocations.enqueue('core-notify', { again: true });
    await invocations.idle();
    deadLetters.add({
      ruleId: 'content-onFileAdded',
      functionId: 'content-onFileAdded',
      event: {},
      errorType: 'E',
      errorMessage: 'm',
      exhaustedRetryCondition: 'MaximumRetryAttempts',
      retryAttempts: 0,
    });
    healthy = true;
    expect(invocations.redrive('content-onFileAdded')).toEqual([]);
    expect(invocations.redrive()).toHaveLength(1);
    await invocations.idle();
    expect(calls.at(-1)).toMatchObject({ functionId: 'core-notify', payload: { again: true } });
    expect(deadLetters.list().map((l) => l.ruleId)).toEqual(['content-onFileAdded']);
  });

  it('hands back a retry waiting at stop, and resume runs it', async () => {
    const { invocations, failures } = setup(() => boom, 1);
    const receivedAt = Date.now();
    invocations.enqueue('core-notify', { later: true }, receivedAt);
    // Once the first attempt has failed, its retry waits a real minute: stop finds it waiting.
    await vi.waitFor(() => expect(failures).toEqual([1]));
    const left = await invocations.stop(100);
    expect(left).toEqual([{ functionId: 'core-notify', payload: { later: true }, receivedAt, attempt: 2 }]);
    const next = setup(() => ({ ok: true, result: null }));
    next.invocations.resume(left);
    await next.invocations.idle();
    expect(next.calls.map((c) => c.payload)).toEqual([{ later: true }]);
  });
});
