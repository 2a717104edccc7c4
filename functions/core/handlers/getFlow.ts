import * as z from 'zod';
import { EventMetadata } from '../../../shared/contracts/eventEnvelope.ts';
import { renderSequenceDiagram } from '../../../shared/flows/renderSequenceDiagram.ts';
import { httpHandler, requireIdentity } from '../../../shared/runtime/index.ts';
import { flowTreeDiagram } from '../domain/flowSteps.ts';
import { readFlow } from '../useCases/flowTrace.ts';
import { coreDependencies } from '../wiring/coreDependencies.ts';

/** Mermaid's own media type is not registered; text/plain keeps a browser and curl showing it as is. */
const MERMAID_CONTENT_TYPE = 'text/plain; charset=utf-8';

/**
 * `GET /api/system/flows/{correlationId}` — the tree of a flow's events and reactions with timings;
 * `?format=mermaid` the sequence diagram of what happened. 404 for a flow the caller may not see.
 */
export const handler = httpHandler({
  path: z.object({ correlationId: EventMetadata.shape.correlationId.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/) }),
  query: z.object({ format: z.enum(['json', 'mermaid']).default('json') }).strict(),
  handle: async (req) => {
    const tree = await readFlow(coreDependencies(), requireIdentity(req), req.path.correlationId);
    if (req.query.format === 'mermaid') {
      return {
        body: renderSequenceDiagram(flowTreeDiagram(tree)),
        headers: { 'content-type': MERMAID_CONTENT_TYPE },
      };
    }
    return { body: tree };
  },
});
