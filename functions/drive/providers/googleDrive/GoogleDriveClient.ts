import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type * as z from 'zod';
import type { DriveHttp } from './DriveHttp.ts';
import {
  DriveChangeList,
  DriveChannel,
  type DriveFile,
  DriveFileList,
  DriveFile as DriveFileSchema,
  DriveStartPageToken,
  FILE_FIELDS,
} from './driveApiShapes.ts';
import { DriveFileNotFoundError, DriveRequestError } from './driveErrors.ts';

/** Production base URL of the Drive v3 REST API. */
export const GOOGLE_DRIVE_API_URL = 'https://www.googleapis.com/drive/v3';

/** Largest page `files.list` and `changes.list` serve. */
const PAGE_SIZE = '1000';

/** Folders shared from a shared drive are read like any other: these flags make Drive include them. */
const ALL_DRIVES = { supportsAllDrives: 'true' } as const;

/** One page of a listing. */
export interface DrivePage<T> {
  readonly items: readonly T[];
  readonly nextPageToken: string | null;
}

/** One page of the changes feed; the last page carries the token to resume from next time. */
export interface DriveChangePage {
  readonly changes: z.infer<typeof DriveChangeList>['changes'];
  readonly nextPageToken: string | null;
  readonly newStartPageToken: string | null;
}

/** The bytes of a file, as a stream. */
export interface DriveDownload {
  readonly body: Readable;
  readonly sizeBytes: number | null;
  readonly mimeType: string;
}

/** What `changes.watch` opened. */
export interface OpenedChannel {
  readonly channelId: string;
  readonly resourceId: string;
  readonly expiresAtMs: number | null;
}

const quoted = (id: string): string => `'${id.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The Drive v3 operations the drive uses, over {@link DriveHttp} (plain `fetch`, no googleapis package:
 * see the module README). Each method is one REST call; paging and meaning are the callers'.
 *
 * @example
 * ```ts
 * const page = await client.listChildren('1AbCfolder', null);
 * for (const file of page.items) console.log(file.name);
 * ```
 */
export class GoogleDriveClient {
  constructor(private readonly http: DriveHttp) {}

  /** `files.list` of one folder's children that are not trashed, one page. */
  async listChildren(folderId: string, pageToken: string | null): Promise<DrivePage<DriveFile>> {
    const answer = await this.http.json(
      {
        operation: 'files.list',
        method: 'GET',
        path: '/files',
        query: {
          q: `${quoted(folderId)} in parents and trashed=false`,
          fields: `nextPageToken,files(${FILE_FIELDS})`,
          pageSize: PAGE_SIZE,
          pageToken: pageToken ?? undefined,
          includeItemsFromAllDrives: 'true',
          ...ALL_DRIVES,
        },
      },
      DriveFileList,
    );
    return { items: answer.files, nextPageToken: answer.nextPageToken ?? null };
  }

  /** `files.get` of a file's metadata; `null` when the service account cannot see it (404). */
  async getFile(fileId: string): Promise<DriveFile | null> {
    const answer = await this.http.send({
      operation: 'files.get',
      method: 'GET',
      path: `/files/${encodeURIComponent(fileId)}`,
      query: { fields: FILE_FIELDS, ...ALL_DRIVES },
    });
    if (answer.response.status === 404) return null;
    if (!answer.response.ok) throw new DriveRequestError('files.get', answer.response.status, answer.reason);
    const parsed = DriveFileSchema.safeParse(await answer.response.json().catch(() => undefined));
    if (!parsed.success)
      throw new DriveRequestError('files.get', answer.response.status, 'unexpected answer shape');
    return parsed.data;
  }

  /** `files.get?alt=media`: the file's bytes as a stream (retries happen before the first byte only). */
  async download(fileId: string): Promise<DriveDownload> {
    const answer = await this.http.send({
      operation: 'files.get(alt=media)',
      method: 'GET',
      path: `/files/${encodeURIComponent(fileId)}`,
      query: { alt: 'media', ...ALL_DRIVES },
    });
    const { response } = answer;
    if (response.status === 404) throw new DriveFileNotFoundError(fileId);
    if (!response.ok || response.body === null) {
      throw new DriveRequestError('files.get(alt=media)', response.status, answer.reason);
    }
    const length = Number.parseInt(response.headers.get('content-length') ?? '', 10);
    return {
      body: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      sizeBytes: Number.isFinite(length) ? length : null,
      mimeType: response.headers.get('content-type') ?? 'application/octet-stream',
    };
  }

  /** `changes.getStartPageToken`: where the feed of changes from now on starts. */
  async startPageToken(): Promise<string> {
    const answer = await this.http.json(
      {
        operation: 'changes.getStartPageToken',
        method: 'GET',
        path: '/changes/startPageToken',
        query: { ...ALL_DRIVES },
      },
      DriveStartPageToken,
    );
    return answer.startPageToken;
  }

  /** `changes.list` from `pageToken`, removals included, one page. */
  async listChanges(pageToken: string): Promise<DriveChangePage> {
    const answer = await this.http.json(
      {
        operation: 'changes.list',
        method: 'GET',
        path: '/changes',
        query: {
          pageToken,
          pageSize: PAGE_SIZE,
          includeRemoved: 'true',
          includeItemsFromAllDrives: 'true',
          ...ALL_DRIVES,
          fields: `nextPageToken,newStartPageToken,changes(changeType,fileId,removed,time,file(${FILE_FIELDS}))`,
        },
      },
      DriveChangeList,
    );
    return {
      changes: answer.changes,
      nextPageToken: answer.nextPageToken ?? null,
      newStartPageToken: answer.newStartPageToken ?? null,
    };
  }

  /** `changes.watch`: opens a push channel to `address` for changes after `pageToken`. */
  async watchChanges(input: {
    readonly pageToken: string;
    readonly channelId: string;
    readonly address: string;
    readonly token: string;
    readonly expiresAtMs: number;
  }): Promise<OpenedChannel> {
    const channel = await this.http.json(
      {
        operation: 'changes.watch',
        method: 'POST',
        path: '/changes/watch',
        query: { pageToken: input.pageToken, includeItemsFromAllDrives: 'true', ...ALL_DRIVES },
        body: {
          id: input.channelId,
          type: 'web_hook',
          address: input.address,
          token: input.token,
          expiration: String(input.expiresAtMs),
        },
      },
      DriveChannel,
    );
    return {
      channelId: channel.id,
      resourceId: channel.resourceId,
      expiresAtMs: channel.expiration === undefined ? null : Number(channel.expiration),
    };
  }

  /** `channels.stop`: no more notifications on this channel. A channel Google no longer knows is stopped already. */
  async stopChannel(channelId: string, resourceId: string): Promise<void> {
    const answer = await this.http.send({
      operation: 'channels.stop',
      method: 'POST',
      path: '/channels/stop',
      body: { id: channelId, resourceId },
    });
    if (answer.response.ok || answer.response.status === 404) {
      // A refusal's body was read already; a success's (empty) body is released.
      if (!answer.response.bodyUsed) await answer.response.body?.cancel();
      return;
    }
    throw new DriveRequestError('channels.stop', answer.response.status, answer.reason);
  }
}
