import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type CryptoKey, exportPKCS8, generateKeyPair, jwtVerify } from 'jose';
import { FakeDriveState, type FakeFile, fileResource } from './FakeDriveState.ts';
import { type FieldSelector, parseFieldSelector, project } from './fieldSelector.ts';

/** The fake's name for each operation, as faults and the request log use them. */
export type FakeOperation =
  | 'token'
  | 'files.list'
  | 'files.get'
  | 'files.download'
  | 'changes.getStartPageToken'
  | 'changes.list'
  | 'changes.watch'
  | 'channels.stop';

/** An answer the fake gives instead of the real one. */
export interface Fault {
  readonly status: number;
  /** The `error.errors[0].reason` (`userRateLimitExceeded`, `rateLimitExceeded`, `backendError`...). */
  readonly reason?: string;
  /** Sent as `Retry-After` (seconds or an HTTP date). */
  readonly retryAfter?: string;
  /** Only this operation; any API operation (not `token`) when absent. */
  readonly operation?: FakeOperation;
}

/** One request the fake served. */
export interface LoggedRequest {
  readonly operation: FakeOperation | 'unknown';
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
}

/** A push notification the fake delivered, and what the receiver answered. */
export interface DeliveredNotification {
  readonly channelId: string;
  readonly state: 'sync' | 'change';
  readonly status: number | null;
}

interface FakeChannel {
  readonly id: string;
  readonly resourceId: string;
  readonly address: string;
  readonly token: string | undefined;
  readonly expiration: number;
  messages: number;
}

export interface FakeGoogleDrive {
  /** `http://127.0.0.1:<port>/drive/v3`: the provider's `apiBaseUrl`. */
  readonly apiBaseUrl: string;
  /** `http://127.0.0.1:<port>/token`: the key's `token_uri`. */
  readonly tokenUrl: string;
  readonly clientEmail: string;
  /** A service-account key file for this fake (its `token_uri` points at the fake). */
  readonly serviceAccountKeyJson: string;
  /** The files and the changes log; mutate it to make changes. */
  readonly state: FakeDriveState;
  /** Every request served, in order. */
  readonly requests: LoggedRequest[];
  readonly notifications: DeliveredNotification[];
  /** Queues faults, used one per matching request in order. */
  injectFaults(...faults: Fault[]): void;
  /** Answers every matching request with `fault` until `clearFaults`. */
  failAlways(fault: Fault): void;
  clearFaults(): void;
  /** Delay before every answer. */
  setLatency(ms: number): void;
  /** Caps every page (`files.list`, `changes.list`) whatever `pageSize` asks, to exercise paging. */
  setPageSizeLimit(limit: number): void;
  /** Makes every access token issued so far invalid (401), as a revocation would. */
  revokeTokens(): void;
  /** Waits for notifications in flight. */
  notificationsSettled(): Promise<void>;
  stop(): Promise<void>;
}

const SCOPES = ['https://www.googleapis.com/auth/drive.readonly', 'https://www.googleapis.com/auth/drive'];
/** What Google grants a `changes` channel at most. */
const MAX_CHANNEL_MS = 7 * 24 * 60 * 60_000;

/** A whole answer: what a route returns for a non-JSON success, and throws for a failure. */
class Answer extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`fake answer ${status}`);
  }
}

const googleError = (status: number, reason: string, message = reason): Answer =>
  new Answer(status, {
    error: { code: status, message, errors: [{ domain: 'global', reason, message }] },
  });

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** `'<id>' in parents and trashed=false` and the few variations of it Drive accepts; nothing else. */
const parseQuery = (q: string): { parent: string | null; trashed: boolean | null } => {
  let parent: string | null = null;
  let trashed: boolean | null = null;
  for (const clause of q.split(/\s+and\s+/i)) {
    const inParents = /^'((?:[^'\\]|\\.)*)'\s+in\s+parents$/.exec(clause.trim());
    const trashedIs = /^trashed\s*=\s*(true|false)$/.exec(clause.trim());
    if (inParents) parent = (inParents[1] ?? '').replace(/\\(.)/g, '$1');
    else if (trashedIs) trashed = trashedIs[1] === 'true';
    else throw googleError(400, 'invalid', `Invalid Value: q (${clause})`);
  }
  return { parent, trashed };
};

/**
 * A fake Google Drive on a free loopback port, for running the real provider over HTTP: the OAuth token
 * endpoint (verifying the JWT bearer assertion against the service account's public key), `files.list`
 * (`q`, `pageToken`, `pageSize`, `fields`), `files.get` (metadata and `alt=media`),
 * `changes.getStartPageToken`, `changes.list`, `changes.watch` (with the `sync` handshake and a `change`
 * notification per change to the channel's address) and `channels.stop`; faults and latency on demand.
 *
 * @example
 * ```ts
 * const drive = await startFakeGoogleDrive();
 * const band = drive.state.addFolder('Band', drive.state.addHiddenFolder());
 * drive.state.addFile('AllOfMe_Bb.pdf', band, '%PDF-1.7 ...');
 * drive.injectFaults({ status: 429 }, { status: 429 });
 * await drive.stop();
 * ```
 */
export const startFakeGoogleDrive = async (): Promise<FakeGoogleDrive> => {
  const state = new FakeDriveState();
  const requests: LoggedRequest[] = [];
  const notifications: DeliveredNotification[] = [];
  const inFlight = new Set<Promise<void>>();
  const faults: Fault[] = [];
  let always: Fault | null = null;
  let latencyMs = 0;
  let pageSizeLimit = 1000;
  const tokens = new Set<string>();
  const channels = new Map<string, FakeChannel>();
  const clientEmail = 'soleil-drive@soleil-test.iam.gserviceaccount.com';
  const keys = await generateKeyPair('RS256', { extractable: true });
  const publicKey: CryptoKey = keys.publicKey;
  const privateKeyId = randomBytes(8).toString('hex');

  let base = '';
  const tokenUrl = () => `${base}/token`;

  const matches = (fault: Fault, operation: FakeOperation): boolean =>
    fault.operation === undefined ? operation !== 'token' : fault.operation === operation;

  const faultFor = (operation: FakeOperation): Fault | null => {
    if (always !== null && matches(always, operation)) return always;
    const index = faults.findIndex((fault) => matches(fault, operation));
    if (index < 0) return null;
    const [fault] = faults.splice(index, 1);
    return fault ?? null;
  };

  const deliver = (channel: FakeChannel, state: 'sync' | 'change'): void => {
    channel.messages++;
    const delivery = fetch(channel.address, {
      method: 'POST',
      headers: {
        'X-Goog-Channel-ID': channel.id,
        ...(channel.token === undefined ? {} : { 'X-Goog-Channel-Token': channel.token }),
        'X-Goog-Channel-Expiration': new Date(channel.expiration).toUTCString(),
        'X-Goog-Resource-ID': channel.resourceId,
        'X-Goog-Resource-URI': `${base}/drive/v3/changes?alt=json`,
        'X-Goog-Resource-State': state,
        'X-Goog-Message-Number': String(channel.messages),
      },
    })
      .then(async (response) => {
        await response.arrayBuffer();
        notifications.push({ channelId: channel.id, state, status: response.status });
      })
      .catch(() => {
        notifications.push({ channelId: channel.id, state, status: null });
      });
    const tracked = delivery.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  state.onChange(() => {
    for (const channel of channels.values()) if (channel.expiration > Date.now()) deliver(channel, 'change');
  });

  const requireToken = (req: IncomingMessage): void => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!tokens.has(token)) throw googleError(401, 'authError', 'Invalid Credentials');
  };

  const selector = (query: URLSearchParams): FieldSelector | null => {
    const fields = query.get('fields');
    if (fields === null) return null;
    try {
      return parseFieldSelector(fields);
    } catch {
      throw googleError(400, 'invalidParameter', `Invalid field selection ${fields}`);
    }
  };

  const pageSizeOf = (query: URLSearchParams, fallback: number): number =>
    Math.min(pageSizeLimit, Number(query.get('pageSize') ?? fallback));

  const visibleFile = (id: string): FakeFile => {
    const file = state.files.get(id);
    if (file === undefined || !file.visible) throw googleError(404, 'notFound', `File not found: ${id}.`);
    return file;
  };

  const exchangeToken = async (req: IncomingMessage): Promise<unknown> => {
    const form = new URLSearchParams(await readBody(req));
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      throw new Answer(400, { error: 'unsupported_grant_type' });
    }
    try {
      const { payload, protectedHeader } = await jwtVerify(form.get('assertion') ?? '', publicKey, {
        algorithms: ['RS256'],
        issuer: clientEmail,
        audience: tokenUrl(),
        requiredClaims: ['iat', 'exp', 'scope'],
      });
      const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0);
      const scopes = String(payload.scope).split(' ');
      if (
        lifetime > 3600 ||
        !scopes.some((s) => SCOPES.includes(s)) ||
        protectedHeader.kid !== privateKeyId
      ) {
        throw new Error('claims');
      }
    } catch {
      throw new Answer(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    }
    const accessToken = `ya29.fake-${randomBytes(16).toString('base64url')}`;
    tokens.add(accessToken);
    return { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' };
  };

  const route = async (
    req: IncomingMessage,
    url: URL,
  ): Promise<{ operation: FakeOperation; run: () => Promise<unknown> } | null> => {
    const path = url.pathname;
    const q = url.searchParams;
    if (req.method === 'POST' && path === '/token')
      return { operation: 'token', run: () => exchangeToken(req) };
    if (!path.startsWith('/drive/v3/')) return null;
    const api = path.slice('/drive/v3'.length);
    if (req.method === 'GET' && api === '/files') {
      return {
        operation: 'files.list',
        run: async () => {
          const { parent, trashed } = parseQuery(q.get('q') ?? '');
          if (parent === null) throw googleError(400, 'invalid', 'This fake lists one folder at a time');
          const all = state.childrenOf(parent, trashed ?? false);
          const offset = Number(q.get('pageToken') ?? '0');
          const size = pageSizeOf(q, 100);
          const page = all.slice(offset, offset + size);
          return project(
            {
              kind: 'drive#fileList',
              incompleteSearch: false,
              files: page.map(fileResource),
              ...(offset + size < all.length ? { nextPageToken: String(offset + size) } : {}),
            },
            selector(q),
          );
        },
      };
    }
    const fileMatch = /^\/files\/([^/]+)$/.exec(api);
    if (req.method === 'GET' && fileMatch) {
      const id = decodeURIComponent(fileMatch[1] ?? '');
      if (q.get('alt') === 'media') {
        return {
          operation: 'files.download',
          run: async () => {
            const file = visibleFile(id);
            if (file.content === null) {
              throw googleError(
                403,
                'fileNotDownloadable',
                'Only files with binary content can be downloaded.',
              );
            }
            return new Answer(200, file.content, { 'content-type': file.mimeType });
          },
        };
      }
      return { operation: 'files.get', run: async () => project(fileResource(visibleFile(id)), selector(q)) };
    }
    if (req.method === 'GET' && api === '/changes/startPageToken') {
      return {
        operation: 'changes.getStartPageToken',
        run: async () => ({ kind: 'drive#startPageToken', startPageToken: String(state.nextSeq) }),
      };
    }
    if (req.method === 'GET' && api === '/changes') {
      return {
        operation: 'changes.list',
        run: async () => {
          const from = Number(q.get('pageToken'));
          if (!Number.isInteger(from) || from < 1)
            throw googleError(400, 'invalid', 'Invalid Value: pageToken');
          const size = pageSizeOf(q, 100);
          const pending = state.changes.filter((c) => c.seq >= from);
          const page = pending.slice(0, size);
          const more = pending.length > size;
          const changes = page.map((change) => {
            const file = state.files.get(change.fileId);
            const gone = change.removed || file === undefined || !file.visible;
            return {
              kind: 'drive#change',
              changeType: 'file',
              fileId: change.fileId,
              time: change.time,
              removed: gone,
              ...(gone ? {} : { file: fileResource(file) }),
            };
          });
          const last = page.at(-1)?.seq ?? from - 1;
          return project(
            {
              kind: 'drive#changeList',
              changes,
              ...(more ? { nextPageToken: String(last + 1) } : { newStartPageToken: String(state.nextSeq) }),
            },
            selector(q),
          );
        },
      };
    }
    if (req.method === 'POST' && api === '/changes/watch') {
      return {
        operation: 'changes.watch',
        run: async () => {
          if (!q.get('pageToken')) throw googleError(400, 'required', 'Required parameter: pageToken');
          const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
          if (typeof body.id !== 'string' || body.type !== 'web_hook' || typeof body.address !== 'string') {
            throw googleError(400, 'required', 'id, type web_hook and address are required');
          }
          const requested = Number(body.expiration ?? Date.now() + 3600_000);
          const channel: FakeChannel = {
            id: body.id,
            resourceId: `res-${randomUUID()}`,
            address: body.address,
            token: typeof body.token === 'string' ? body.token : undefined,
            expiration: Math.min(requested, Date.now() + MAX_CHANNEL_MS),
            messages: 0,
          };
          channels.set(channel.id, channel);
          deliver(channel, 'sync');
          return {
            kind: 'api#channel',
            id: channel.id,
            resourceId: channel.resourceId,
            resourceUri: `${base}/drive/v3/changes?alt=json`,
            ...(channel.token === undefined ? {} : { token: channel.token }),
            expiration: String(channel.expiration),
          };
        },
      };
    }
    if (req.method === 'POST' && api === '/channels/stop') {
      return {
        operation: 'channels.stop',
        run: async () => {
          const body = JSON.parse((await readBody(req)) || '{}') as { id?: string; resourceId?: string };
          const channel = channels.get(body.id ?? '');
          if (channel === undefined || channel.resourceId !== body.resourceId) {
            throw googleError(404, 'notFound', `Channel ${body.id} not found for project`);
          }
          channels.delete(channel.id);
          return new Answer(204, null);
        },
      };
    }
    return null;
  };

  const send = (res: ServerResponse, answer: Answer): void => {
    if (answer.body instanceof Buffer) {
      res.writeHead(answer.status, { 'content-length': String(answer.body.length), ...answer.headers });
      res.end(answer.body);
    } else if (answer.body === null) {
      res.writeHead(answer.status, answer.headers).end();
    } else {
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    }
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    void (async () => {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      const matched = await route(req, url);
      if (matched === null) {
        requests.push({ operation: 'unknown', query, status: 404 });
        send(
          res,
          new Answer(404, { error: { code: 404, message: `No route ${req.method} ${url.pathname}` } }),
        );
        return;
      }
      let answer: Answer;
      const fault = faultFor(matched.operation);
      try {
        if (fault !== null) {
          const reason = fault.reason ?? (fault.status === 429 ? 'rateLimitExceeded' : 'backendError');
          const failure = googleError(fault.status, reason);
          throw new Answer(
            fault.status,
            failure.body,
            fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
          );
        }
        if (matched.operation !== 'token') requireToken(req);
        const result = await matched.run();
        answer = result instanceof Answer ? result : new Answer(200, result);
      } catch (error) {
        answer =
          error instanceof Answer ? error : new Answer(500, { error: { code: 500, message: String(error) } });
      }
      requests.push({ operation: matched.operation, query, status: answer.status });
      send(res, answer);
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const serviceAccountKeyJson = JSON.stringify({
    type: 'service_account',
    project_id: 'soleil-test',
    private_key_id: privateKeyId,
    private_key: await exportPKCS8(keys.privateKey),
    client_email: clientEmail,
    client_id: '100000000000000000001',
    token_uri: tokenUrl(),
  });

  return {
    apiBaseUrl: `${base}/drive/v3`,
    tokenUrl: tokenUrl(),
    clientEmail,
    serviceAccountKeyJson,
    state,
    requests,
    notifications,
    injectFaults: (...more) => {
      faults.push(...more);
    },
    failAlways: (fault) => {
      always = fault;
    },
    clearFaults: () => {
      faults.length = 0;
      always = null;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setPageSizeLimit: (limit) => {
      pageSizeLimit = limit;
    },
    revokeTokens: () => tokens.clear(),
    notificationsSettled: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
