/** The names by which a browser or client on this machine reaches a server bound to loopback. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

/**
 * Whether a request's `Host` header names this machine's loopback and the port the server listens on
 * (`localhost:3000`, `127.0.0.1:3000`, `[::1]:3000`). Every local server refuses other hosts: binding to
 * 127.0.0.1 keeps other machines out, but not a web page whose own domain was re-pointed at 127.0.0.1 (DNS
 * rebinding) — its requests arrive here with that domain in `Host`, and are refused.
 *
 * @example isLoopbackHost(request.headers.host, 3000) // 'localhost:3000' → true, 'evil.example:3000' → false
 */
export const isLoopbackHost = (host: string | undefined, port: number): boolean => {
  if (host === undefined) return false;
  const named = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => named === `${name}:${port}`);
};
