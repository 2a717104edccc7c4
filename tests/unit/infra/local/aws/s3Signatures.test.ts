import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryEntry } from '../../../../../functions/drive/domain/libraryEntry.ts';
import { FileContentCache } from '../../../../../functions/drive/providers/FileContentCache.ts';
import { DOWNLOAD_LINK_SECONDS, S3FileLinks } from '../../../../../functions/drive/providers/S3FileLinks.ts';
import { LocalAwsEndpoint } from '../../../../../infra/local/aws/LocalAwsEndpoint.ts';
import { S3ObjectStore } from '../../../../../infra/local/aws/S3ObjectStore.ts';
import { DeadLetterStore } from '../../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { EventArchive } from '../../../../../infra/local/events/EventArchive.ts';
import { EventRouter } from '../../../../../infra/local/events/EventRouter.ts';
import { RetryPolicy } from '../../../../../infra/local/events/RetryPolicy.ts';

const region = 'eu-west-1';
const bucket = 'soleil-drive-file-cache';
const invoke = async () => ({ ok: true as const, result: null });
const router = new EventRouter({
  rules: [],
  invoke,
  retryPolicy: new RetryPolicy({ timeScale: 0.001 }),
  deadLetters: new DeadLetterStore(),
  archive: new EventArchive(),
});

let root = '';
let endpoint: LocalAwsEndpoint;
let url = '';
const clientWith = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
  new S3Client({
    endpoint: url,
    region,
    credentials,
    forcePathStyle: true,
    // As drive's client: plain bodies, which the local S3 subset reads.
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
let s3: S3Client;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'soleil-s3-sig-'));
  endpoint = new LocalAwsEndpoint({
    eventBridge: { router, rules: [], region },
    lambda: { invoke, hasFunction: () => false, region },
    admin: { router, deadLetters: new DeadLetterStore() },
    connections: () => undefined,
    s3: { store: new S3ObjectStore(root), buckets: [bucket] },
  });
  url = (await endpoint.start(0)).url;
  s3 = clientWith({ accessKeyId: 'local', secretAccessKey: 'local' });
});

afterAll(async () => {
  s3.destroy();
  router.stop();
  await endpoint.stop();
  await rm(root, { recursive: true, force: true });
});

const entry: LibraryEntry = {
  kind: 'file',
  fileId: 'f-1',
  name: 'All of Me - Piano.pdf',
  path: 'All of Me - Piano.pdf',
  folderId: null,
  mimeType: 'application/pdf',
  sizeBytes: 7,
  checksum: 'sha256:abc123',
  modifiedAt: '2026-11-29T20:00:00.000Z',
  version: 1,
};
const source = async () => ({
  body: Readable.from([Buffer.from('%PDF-1.')]),
  sizeBytes: 7,
  mimeType: 'application/pdf',
});

describe('local AWS endpoint: SigV4 on the S3 calls drive makes', () => {
  it('accepts header-signed PutObject, HeadObject, GetObject and DeleteObject', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'k/one',
        Body: Buffer.from('bytes'),
        ContentType: 'text/plain',
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'k/one' }));
    expect(head.ContentLength).toBe(5);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k/one' }));
    expect(await got.Body?.transformToString()).toBe('bytes');
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'k/one' }));
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'k/one' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('answers GetObject with Range: 206 and Content-Range for a slice, a suffix and an open range', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k/range', Body: Buffer.from('0123456789') }));
    const ranged = async (range: string) => {
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k/range', Range: range }));
      return {
        status: got.$metadata.httpStatusCode,
        contentRange: got.ContentRange,
        length: got.ContentLength,
        body: await got.Body?.transformToString(),
      };
    };
    expect(await ranged('bytes=2-5')).toEqual({
      status: 206,
      contentRange: 'bytes 2-5/10',
      length: 4,
      body: '2345',
    });
    expect(await ranged('bytes=-3')).toEqual({
      status: 206,
      contentRange: 'bytes 7-9/10',
      length: 3,
      body: '789',
    });
    expect(await ranged('bytes=7-')).toEqual({
      status: 206,
      contentRange: 'bytes 7-9/10',
      length: 3,
      body: '789',
    });
    // An end past the object is cut to its last byte; a suffix longer than the object is the whole object.
    expect(await ranged('bytes=5-100')).toMatchObject({
      status: 206,
      contentRange: 'bytes 5-9/10',
      body: '56789',
    });
    expect(await ranged('bytes=-50')).toMatchObject({
      status: 206,
      contentRange: 'bytes 0-9/10',
      body: '0123456789',
    });
    const whole = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k/range' }));
    expect(whole.$metadata.httpStatusCode).toBe(200);
    expect(whole.ContentRange).toBeUndefined();
    expect(whole.AcceptRanges).toBe('bytes');
    expect(await whole.Body?.transformToString()).toBe('0123456789');
  });

  it('answers 416 with the object size for a range it cannot satisfy', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k/short', Body: Buffer.from('0123456789') }));
    for (const range of ['bytes=10-', 'bytes=12-20', 'bytes=-0', 'bytes=6-2']) {
      await expect(
        s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k/short', Range: range })),
        range,
      ).rejects.toMatchObject({ $metadata: { httpStatusCode: 416 } });
    }
    // Through a presigned link, as a resumed browser download asks.
    const link = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'k/short' }), {
      expiresIn: 60,
    });
    const beyond = await fetch(link, { headers: { range: 'bytes=10-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */10');
    const resumed = await fetch(link, { headers: { range: 'bytes=8-' } });
    expect(resumed.status).toBe(206);
    expect(resumed.headers.get('content-range')).toBe('bytes 8-9/10');
    expect(await resumed.text()).toBe('89');
  });

  it('refuses S3 calls signed with other credentials, and unsigned ones', async () => {
    const stranger = clientWith({ accessKeyId: 'local', secretAccessKey: 'not-local' });
    await expect(
      stranger.send(new PutObjectCommand({ Bucket: bucket, Key: 'k/two', Body: Buffer.from('x') })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    stranger.destroy();
    expect((await fetch(`${url}/${bucket}/k/two`)).status).toBe(403);
  });

  it("serves drive's presigned download link while it is valid", async () => {
    const link = await new S3FileLinks(new FileContentCache(s3, bucket)).linkTo('band-1', entry, source);
    const response = await fetch(link.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('%PDF-1.');
  });

  it('links to bytes the copy on change cached without reading the source, and copies those it did not', async () => {
    const cache = new FileContentCache(s3, bucket);
    const bytes = '%PDF-1.4 copied when it changed';
    const checksum = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const changed = { ...entry, fileId: 'f-2', checksum };
    const changedSource = async () => ({
      body: Readable.from([Buffer.from(bytes)]),
      sizeBytes: bytes.length,
      mimeType: 'application/pdf',
    });
    expect(await cache.ensure('band-1', changed, changedSource)).toMatchObject({ copied: true });
    const unreachable = async () => {
      throw new Error('the source is not read when the bytes are cached');
    };
    const link = await new S3FileLinks(cache).linkTo('band-1', changed, unreachable);
    expect(await (await fetch(link.url)).text()).toBe(bytes);
    // Never cached (older than the copy on change, or its copy failed): the link copies it first.
    const older = { ...entry, fileId: 'f-3', checksum: null };
    let reads = 0;
    const counted = async () => {
      reads++;
      return source();
    };
    const lazy = await new S3FileLinks(cache).linkTo('band-1', older, counted);
    expect(reads).toBe(1);
    expect(await (await fetch(lazy.url)).text()).toBe('%PDF-1.');
  });

  it('refuses a download link once it has expired, and one whose signature was altered', async () => {
    // Signed just over its lifetime ago: expired now, as a link handed out then would be.
    const signedAt = new Date(Date.now() - (DOWNLOAD_LINK_SECONDS + 5) * 1000);
    const link = await new S3FileLinks(new FileContentCache(s3, bucket), () => signedAt).linkTo(
      'band-1',
      entry,
      source,
    );
    expect(Date.parse(link.expiresAt)).toBeLessThan(Date.now());
    const expired = await fetch(link.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).not.toContain('%PDF');

    const fresh = new URL(
      await new S3FileLinks(new FileContentCache(s3, bucket))
        .linkTo('band-1', entry, source)
        .then((l) => l.url),
    );
    const signature = fresh.searchParams.get('X-Amz-Signature') ?? '';
    fresh.searchParams.set(
      'X-Amz-Signature',
      `${signature.startsWith('0') ? '1' : '0'}${signature.slice(1)}`,
    );
    expect((await fetch(fresh)).status).toBe(403);
  });

  it('refuses (400, as S3 does) a presigned link that claims a lifetime over 7 days', async () => {
    const link = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'k/three' }), {
      expiresIn: 60,
    });
    const tampered = new URL(link);
    tampered.searchParams.set('X-Amz-Expires', String(8 * 24 * 3600));
    expect((await fetch(tampered)).status).toBe(400);
  });
});
