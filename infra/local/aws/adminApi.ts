import type { ServerResponse } from 'node:http';
import type { DeadLetterStore } from '../deadLetters/DeadLetterStore.ts';
import type { EventRouter } from '../events/EventRouter.ts';
import type { AsyncInvocations } from '../functions/AsyncInvocations.ts';
import { sendJson } from './httpExchange.ts';

/** Prefix of the local-only admin routes; no AWS API lives under it. */
export const ADMIN_PREFIX = '/_soleil/';

export interface AdminApiOptions {
  readonly router: EventRouter;
  readonly deadLetters: DeadLetterStore;
  /** Redrives the `lambda:<functionId>` queues of failed asynchronous invocations. */
  readonly asyncInvocations?: AsyncInvocations;
}

/**
 * Local-only operations for `npm run dlq` and friends: list and redrive dead letters (rules' and
 * `lambda:<functionId>` queues), replay the archive.
 * `GET /_soleil/dlq[?rule=<queue>]`, `POST /_soleil/dlq/redrive {rule?}`, `POST /_soleil/replay {from, to, name?}`.
 */
export class AdminApi {
  constructor(private readonly options: AdminApiOptions) {}

  handle(method: string, url: URL, body: Buffer, res: ServerResponse): void {
    const route = `${method} ${url.pathname.slice(ADMIN_PREFIX.length - 1)}`;
    const input = parse(body);
    switch (route) {
      case 'GET /dlq':
        sendJson(res, 200, {
          deadLetters: this.options.deadLetters.list(url.searchParams.get('rule') ?? undefined),
        });
        return;
      case 'POST /dlq/redrive': {
        const rule = typeof input.rule === 'string' ? input.rule : undefined;
        const redriven =
          this.options.router.redrive(rule).length +
          (this.options.asyncInvocations?.redrive(rule).length ?? 0);
        sendJson(res, 200, { redriven });
        return;
      }
      case 'POST /replay': {
        const from = Date.parse(String(input.from));
        const to = input.to === undefined ? Date.now() : Date.parse(String(input.to));
        if (Number.isNaN(from) || Number.isNaN(to)) {
          sendJson(res, 400, { message: 'from and to must be ISO-8601 times' });
          return;
        }
        const name = typeof input.name === 'string' ? input.name : `replay-${new Date().toISOString()}`;
        sendJson(res, 200, { replayed: this.options.router.replay(from, to, name), name });
        return;
      }
      case 'GET /ping':
        sendJson(res, 200, { ok: true });
        return;
      default:
        sendJson(res, 404, { message: `No local admin route ${route}` });
        return;
    }
  }
}

const parse = (body: Buffer): Record<string, unknown> => {
  try {
    const parsed: unknown = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
