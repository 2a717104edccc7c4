import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddedPlatform } from '../../infra/local/startPlatform.ts';

/** A signed-in leader of a new band, on a running platform with the repository's modules. */
export interface BandSession {
  readonly bandId: string;
  readonly accessToken: string;
  readonly userId: string;
}

const json = async (response: Response): Promise<Record<string, unknown>> =>
  (await response.json()) as Record<string, unknown>;

/**
 * POSTs JSON; a 5xx is tried again after a pause (up to ten attempts). The first call of an auth function
 * (or of its authorizer) starts its container, which on this shared machine under load has taken longer than
 * the function's timeout (see bandFixtures). Signing in and creating a band are safe to repeat here.
 */
const postRetrying = async (url: string, body: unknown, token?: string): Promise<Response> => {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (response.status < 500 || attempt >= 10) return response;
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
};

/** Signs in with dev-login and answers the session (access token, user id). */
export const devLogin = async (
  platform: EmbeddedPlatform,
  email: string,
): Promise<{ accessToken: string; userId: string }> => {
  const response = await postRetrying(`${platform.urls.http}/api/auth/dev-login`, {
    email,
    name: email.split('@')[0],
    instruments: ['trumpet'],
  });
  if (response.status !== 200) throw new Error(`dev-login answered ${response.status}`);
  const body = await json(response);
  return { accessToken: body.accessToken as string, userId: (body.user as { userId: string }).userId };
};

/** Signs in, creates a band (its creator leads it) and answers a token that shows the membership. */
export const createBandAsLeader = async (platform: EmbeddedPlatform, email: string): Promise<BandSession> => {
  const session = await devLogin(platform, email);
  const response = await postRetrying(
    `${platform.urls.http}/api/auth/bands`,
    { name: 'The Library Band' },
    session.accessToken,
  );
  if (response.status !== 201) throw new Error(`POST /api/auth/bands answered ${response.status}`);
  const body = await json(response);
  return {
    bandId: (body.band as { bandId: string }).bandId,
    accessToken: body.accessToken as string,
    userId: session.userId,
  };
};

/** Calls a drive route with the session's token. */
export const driveCall = (
  platform: EmbeddedPlatform,
  session: { readonly accessToken: string },
  method: string,
  route: string,
  body?: unknown,
): Promise<Response> =>
  fetch(`${platform.urls.http}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${session.accessToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** Waits until `check` resolves truthy (polling), or fails after `timeoutMs`. */
export const eventually = async <T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
  /** Between checks; a check that calls the platform's HTTP API should not hammer a loaded machine. */
  intervalMs = 50,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};

/** A drive event from the platform's archive. */
export interface DriveEvent {
  readonly name: string;
  readonly eventId: string;
  readonly data: Record<string, unknown>;
}

/** The drive events about a band the platform's bus archived (this run's). */
export const driveEventsOf = (platform: EmbeddedPlatform, bandId: string): DriveEvent[] =>
  platform.archive
    .between(0, Number.MAX_SAFE_INTEGER)
    .map(({ event }) => ({
      name: event['detail-type'],
      source: event.source,
      // The bus also carries drive's reaction reports to core's flow trace, which are no drive event.
      detail: event.detail as { metadata?: { eventId: string }; data?: Record<string, unknown> },
    }))
    .flatMap((e) =>
      e.source === 'soleil.drive' && e.detail.metadata !== undefined && e.detail.data?.bandId === bandId
        ? [{ name: e.name, eventId: e.detail.metadata.eventId, data: e.detail.data }]
        : [],
    );

/** Writes `count` small, distinct PDFs into a band's library folder. */
export const dropPdfs = async (bandDir: string, count: number, prefix = 'Song'): Promise<string[]> => {
  await mkdir(bandDir, { recursive: true });
  const names = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}_Bb.pdf`);
  await Promise.all(
    names.map((name, i) => writeFile(path.join(bandDir, name), `%PDF-1.4 chart ${prefix} ${i}\n`)),
  );
  return names;
};
