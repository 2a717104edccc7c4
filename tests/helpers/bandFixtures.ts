/** A signed-in user of the embedded platform (dev-login). */
export interface SignedIn {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly userId: string;
}

/**
 * POSTs JSON; a 5xx is tried again (seven more times, a little later each time). The first call of each auth function starts its
 * container, which with every module reacting to the sign-ins has taken close to the functions' 10 s timeout
 * on this shared machine. Every call made here is safe to repeat (band creation carries its requestId).
 */
const post = async (url: string, body: unknown, token?: string): Promise<Record<string, unknown>> => {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.ok) return json;
    if (response.status < 500 || attempt >= 8) {
      throw new Error(`POST ${url} → ${response.status}: ${JSON.stringify(json)}`);
    }
    // A function that timed out is thrown away, so an immediate retry meets a cold container again, while
    // every other module's first containers still compete for the two cores: give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
  }
};

/** `POST /api/auth/dev-login`. */
export const devLogin = async (
  httpUrl: string,
  email: string,
  instruments: readonly string[],
): Promise<SignedIn> => {
  const grant = await post(`${httpUrl}/api/auth/dev-login`, {
    email,
    name: email.split('@')[0],
    instruments,
  });
  return {
    accessToken: grant.accessToken as string,
    refreshToken: grant.refreshToken as string,
    userId: (grant.user as { userId: string }).userId,
  };
};

/**
 * A band with a leader and members: the leader creates it and invites each member, who then signs in (an
 * invitation is granted at sign-in), so every token carries the membership.
 */
export const bandWithMembers = async (
  httpUrl: string,
  leader: { email: string; instruments: string[] },
  members: readonly { email: string; instruments: string[] }[],
): Promise<{ bandId: string; leader: SignedIn; members: SignedIn[] }> => {
  const first = await devLogin(httpUrl, leader.email, leader.instruments);
  const created = await post(
    `${httpUrl}/api/auth/bands`,
    // The request id makes a retried creation the same band (auth keeps it for idempotency).
    { name: `Band of ${leader.email}`, requestId: crypto.randomUUID() },
    first.accessToken,
  );
  const bandId = ((created.band as { bandId?: string } | undefined)?.bandId ?? created.bandId) as string;
  // A token carries the memberships of its sign-in: the leader signs in again to act as the band's leader.
  const leaderNow = await devLogin(httpUrl, leader.email, leader.instruments);
  for (const m of members) {
    await post(
      `${httpUrl}/api/auth/bands/${bandId}/invitations`,
      { email: m.email, role: 'member' },
      leaderNow.accessToken,
    );
  }
  const signedIn = [];
  for (const m of members) signedIn.push(await devLogin(httpUrl, m.email, m.instruments));
  return { bandId, leader: leaderNow, members: signedIn };
};
