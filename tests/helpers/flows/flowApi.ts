import type { FlowTree } from '../../../functions/core/domain/flowTree.ts';

/** `GET /api/system/flows/{id}` with a token: status and body (the tree, a diagram or a problem). */
export const getFlow = async (
  httpUrl: string,
  correlationId: string,
  token: string,
  query = '',
): Promise<{ status: number; contentType: string; json: unknown; text: string }> => {
  const response = await fetch(`${httpUrl}/api/system/flows/${encodeURIComponent(correlationId)}${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    contentType,
    json: contentType.includes('json') && text ? JSON.parse(text) : null,
    text,
  };
};

/**
 * Reads a flow until `done` says the trace holds what the test waits for (events and reactions arrive
 * asynchronously); the last tree read is returned either way, for the assertions to explain.
 */
export const waitForFlow = async (
  httpUrl: string,
  correlationId: string,
  token: string,
  done: (tree: FlowTree) => boolean,
  timeoutMs = 30_000,
): Promise<FlowTree | null> => {
  const deadline = Date.now() + timeoutMs;
  let last: FlowTree | null = null;
  for (;;) {
    const answer = await getFlow(httpUrl, correlationId, token);
    if (answer.status === 200) {
      last = answer.json as FlowTree;
      if (done(last)) return last;
    }
    if (Date.now() > deadline) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
