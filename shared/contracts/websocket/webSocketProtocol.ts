import type * as z from 'zod';

/**
 * The messages of a module's WebSocket API, both directions, as zod schemas: the single source of the
 * module's handlers, its README and the generated AsyncAPI document. A client message is told by its
 * `action` literal, a server message by its `type` literal.
 */
export interface WebSocketProtocol {
  /** The module serving the WebSocket routes. */
  readonly module: string;
  readonly description: string;
  readonly clientMessages: readonly z.ZodType[];
  readonly serverMessages: readonly z.ZodType[];
}
