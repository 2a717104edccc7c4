/** Thrown for a `NextToken` this endpoint did not issue for the same arguments (AWS: 400 InvalidToken). */
export class InvalidNextTokenError extends Error {
  override readonly name = 'InvalidNextTokenError';
}

/** EventBridge's page size bound for List* calls. */
export const MAX_PAGE_SIZE = 100;

interface TokenBody {
  /** Index of the page's first item. */
  readonly o: number;
  /** The other arguments of the call, which must not change between pages. */
  readonly a: string;
}

/**
 * One page of `items`, as EventBridge's List* calls page: at most `limit` items (100 when omitted), and a
 * `NextToken` while more remain. The token is opaque to callers and bound to the call's other arguments.
 */
export const listPage = <T>(
  items: readonly T[],
  request: { readonly limit?: number; readonly nextToken?: unknown; readonly arguments: string },
): { page: T[]; nextToken?: string } => {
  const offset = request.nextToken === undefined ? 0 : readToken(request.nextToken, request.arguments);
  const size = Math.min(request.limit ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = items.slice(offset, offset + size);
  const next = offset + page.length;
  if (next >= items.length) return { page };
  const body: TokenBody = { o: next, a: request.arguments };
  return { page, nextToken: Buffer.from(JSON.stringify(body)).toString('base64url') };
};

const readToken = (token: unknown, args: string): number => {
  try {
    const body = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as TokenBody;
    if (Number.isInteger(body.o) && body.o >= 0 && body.a === args) return body.o;
  } catch {
    // fall through: any token that does not parse is as invalid as one of another call
  }
  throw new InvalidNextTokenError('The NextToken provided is invalid.');
};
