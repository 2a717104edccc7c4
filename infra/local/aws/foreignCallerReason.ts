import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../net/loopbackHost.ts';

/**
 * Why the local AWS endpoint refuses a request before reading it, or undefined: it serves AWS clients on
 * this machine (SDKs, the AWS CLI, boto3), which name it by a loopback host and never send `Origin`. A web
 * page's request always carries `Origin` (a form POST, a fetch) or, after DNS rebinding, its own domain in
 * `Host`; neither may reach Lambda Invoke or the admin routes, signed or not.
 */
export const foreignCallerReason = (request: IncomingMessage): string | undefined => {
  if (!isLoopbackHost(request.headers.host, request.socket.localPort ?? 0)) {
    return `Host "${request.headers.host ?? ''}" is not this endpoint: use localhost, 127.0.0.1 or [::1] with its port.`;
  }
  if (request.headers.origin !== undefined) {
    return 'The local AWS endpoint does not serve web pages: requests with an Origin header are refused.';
  }
  return undefined;
};
