import path from 'node:path';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LOCAL_AWS_CREDENTIALS, LOCAL_NAMES } from '../../infra/local/shared/localNames.ts';
import type { EmbeddedPlatform } from '../../infra/local/startPlatform.ts';
import type { Instrument } from '../../shared/contracts/bandVocabulary.ts';
import type { LibraryFile } from '../../shared/contracts/events/driveEvents.ts';
import { repositoryRoot } from '../../shared/platformModel/loadPlatformModel.ts';
import { createPublisher, type Publisher } from '../../shared/runtime/index.ts';

/** The real auth, core and content modules beside a fixture drive (events and library_service only). */
export const CONTENT_PLATFORM_FUNCTIONS = path.join(
  repositoryRoot(),
  'tests/fixtures/content-platform/functions',
);

/** A publisher speaking as drive to the embedded platform's EventBridge endpoint (signed, like the CLI). */
export const drivePublisher = (platform: EmbeddedPlatform): Publisher =>
  createPublisher({
    module: 'drive',
    busName: LOCAL_NAMES.eventBusName,
    client: new EventBridgeClient({
      endpoint: platform.urls.aws,
      region: 'eu-west-1',
      credentials: LOCAL_AWS_CREDENTIALS,
    }),
  });

/** A library file as drive would announce it. */
export const libraryFile = (fileId: string, name: string, version = 1): LibraryFile => ({
  fileId,
  name,
  mimeType: name.endsWith('.pdf') ? 'application/pdf' : 'audio/mpeg',
  sizeBytes: 1000 + version,
  modifiedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString(),
  folderId: null,
  checksum: `sum-${fileId}-${version}`,
  path: name,
  version,
});

/** A JSON call to the platform's HTTP API. */
export const api = async (
  platform: EmbeddedPlatform,
  method: string,
  route: string,
  options: { token?: string; body?: unknown } = {},
  // biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers of many shapes, each asserted where used
): Promise<{ status: number; body: any; contentType: string | null }> => {
  const response = await fetch(`${platform.urls.http}${route}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {}
  return { status: response.status, body, contentType: response.headers.get('content-type') };
};

/** Signs in with the development sign-in; answers the access token and user id. */
export const devLogin = async (
  platform: EmbeddedPlatform,
  email: string,
  instruments: Instrument[],
): Promise<{ token: string; userId: string }> => {
  const { status, body } = await api(platform, 'POST', '/api/auth/dev-login', {
    body: { email, name: email.split('@')[0], instruments },
  });
  if (status !== 200) throw new Error(`dev-login ${status}: ${JSON.stringify(body)}`);
  return { token: body.accessToken, userId: body.user.userId };
};

/** Polls `probe` until it answers true (events travel asynchronously), or fails after `timeoutMs`. */
export const eventually = async (probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met in time');
};
