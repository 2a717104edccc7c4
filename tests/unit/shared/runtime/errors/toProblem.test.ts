import { describe, expect, it } from 'vitest';
import {
  DependencyUnavailableError,
  PlatformError,
  retryAfterSeconds,
  ServiceCallError,
  toProblem,
  UpstreamTimeoutError,
  ValidationError,
} from '../../../../../shared/runtime/index.ts';

/** What the AWS SDK v3 throws when the service's port does not answer: Node's error, with the SDK's metadata. */
const sdkConnectionError = (code: string) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), {
    code,
    $metadata: { attempts: 3, totalRetryDelay: 300 },
  });

describe('toProblem', () => {
  it('keeps a validation error’s field issues', () => {
    const problem = toProblem(new ValidationError('bad', [{ path: 'body.title', message: 'Required' }]), {
      correlationId: 'c1',
      instance: '/api/x',
    });
    expect(problem).toEqual({
      type: 'https://soleil.dev/problems/validation-failed',
      title: 'The request is not valid',
      status: 400,
      detail: 'bad',
      instance: '/api/x',
      correlationId: 'c1',
      errors: [{ path: 'body.title', message: 'Required' }],
    });
  });

  it('hides the detail of a non-exposed 5xx platform error, and shows an exposed one', () => {
    const hidden = toProblem(
      new PlatformError({ status: 500, type: 'db', title: 'Database', detail: 'table x gone' }),
    );
    expect(hidden.detail).not.toContain('table x');
    expect(toProblem(new UpstreamTimeoutError('auth did not answer')).detail).toBe('auth did not answer');
  });

  it('keeps a provider 4xx from a service call, and turns a provider 5xx into 502', () => {
    const target = { module: 'auth', service: 'user_service', operation: 'getUser' };
    expect(
      toProblem(new ServiceCallError({ target, status: 404, detail: 'no user', upstreamType: 'not-found' })),
    ).toMatchObject({
      status: 404,
      type: 'https://soleil.dev/problems/not-found',
    });
    expect(toProblem(new ServiceCallError({ target, status: 500, detail: 'boom' })).status).toBe(502);
  });

  it('maps an AWS SDK call that could not reach its service to a 503 with a retry delay, never a 500', () => {
    for (const cause of [
      sdkConnectionError('ECONNREFUSED'),
      sdkConnectionError('ECONNRESET'),
      sdkConnectionError('EPIPE'),
      Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }),
      Object.assign(new Error('Service Unavailable'), {
        name: 'ServiceUnavailable',
        $metadata: { httpStatusCode: 503 },
      }),
      // Wrapped, as Powertools idempotency and the stores wrap what the SDK threw.
      new Error('Failed to update record', { cause: sdkConnectionError('ECONNREFUSED') }),
    ]) {
      const problem = toProblem(cause, { correlationId: 'c1' });
      expect(problem, cause.message).toMatchObject({
        status: 503,
        type: 'https://soleil.dev/problems/dependency-unavailable',
        correlationId: 'c1',
      });
      expect(JSON.stringify(problem)).not.toContain('127.0.0.1');
      expect(retryAfterSeconds(cause), cause.message).toBeGreaterThan(0);
    }
    expect(retryAfterSeconds(new DependencyUnavailableError('the database'))).toBeGreaterThan(0);
    expect(retryAfterSeconds(new TypeError('x'))).toBeUndefined();
    expect(
      toProblem(Object.assign(new Error('conditional'), { $metadata: { httpStatusCode: 400 } })).status,
    ).toBe(500);
  });

  it('maps anything else to a 500 that says nothing of it', () => {
    const problem = toProblem(new TypeError('secret internals'));
    expect(problem).toMatchObject({ status: 500, type: 'https://soleil.dev/problems/internal' });
    expect(JSON.stringify(problem)).not.toContain('secret');
  });
});
