import { describe, expect, it } from 'vitest';
import {
  PlatformError,
  ServiceCallError,
  toProblem,
  UpstreamTimeoutError,
  ValidationError,
} from '../../../../../shared/runtime/index.ts';

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

  it('maps anything else to a 500 that says nothing of it', () => {
    const problem = toProblem(new TypeError('secret internals'));
    expect(problem).toMatchObject({ status: 500, type: 'https://soleil.dev/problems/internal' });
    expect(JSON.stringify(problem)).not.toContain('secret');
  });
});
