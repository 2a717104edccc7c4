import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler, RESPONSE_TIMEOUT_MS } from '../../../../../infra/aws/catalogWriter/handler.ts';

const deleteEvent = {
  RequestType: 'Delete',
  ResponseURL: 'https://cloudformation-response.example/put',
  StackId: 'stack',
  RequestId: 'req',
  LogicalResourceId: 'Catalog',
  PhysicalResourceId: 'soleil-service-catalog',
  ResourceType: 'Custom::SoleilServiceCatalog',
  ServiceToken: 'arn',
  ResourceProperties: { ServiceToken: 'arn' },
} as unknown as CloudFormationCustomResourceEvent;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('catalog writer', () => {
  it('answers CloudFormation with a bounded request', async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(null, { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await handler(deleteEvent);
    const init = fetchMock.mock.calls[0]?.[1];
    expect(JSON.parse(String(init?.body))).toMatchObject({ Status: 'SUCCESS', RequestId: 'req' });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    expect(RESPONSE_TIMEOUT_MS).toBeLessThan(120_000);
  });

  it('fails instead of hanging when the response URL never answers', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // Hangs until its signal aborts, as a dead connection would; the timeout is what ends it.
    const hanging = vi.fn(
      (_url: string, init: RequestInit) =>
        new Promise<Response>((_, reject) => {
          if (init.signal?.aborted) reject(init.signal.reason);
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );
    vi.stubGlobal('fetch', hanging);
    const timeout = vi.spyOn(AbortSignal, 'timeout').mockImplementation(() => AbortSignal.abort());
    await expect(handler(deleteEvent)).rejects.toThrow();
    expect(timeout).toHaveBeenCalledWith(RESPONSE_TIMEOUT_MS);
    expect(hanging).toHaveBeenCalledTimes(2);
  });
});
