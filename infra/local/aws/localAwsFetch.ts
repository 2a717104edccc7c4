import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../../shared/runtime/aws/NodeSha256.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../shared/localNames.ts';

/** The SigV4 service name the platform's own calls to its admin routes (`/_soleil/…`) sign with. */
export const ADMIN_SIGNING_SERVICE = 'soleil';

/**
 * `fetch` to the local AWS endpoint, signed with the local credentials (SigV4) as an AWS client would sign:
 * how the `npm run dlq` command and the tests reach the admin routes, which refuse unsigned requests.
 *
 * @example await localAwsFetch(`${awsUrl}/_soleil/dlq`)
 */
export const localAwsFetch = async (
  url: string,
  init: { readonly method?: string; readonly body?: string } = {},
): Promise<Response> => {
  const target = new URL(url);
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const signer = new SignatureV4({
    credentials: LOCAL_AWS_CREDENTIALS,
    region: LOCAL_AWS_REGION,
    service: ADMIN_SIGNING_SERVICE,
    sha256: NodeSha256,
  });
  const query: Record<string, string[]> = {};
  for (const [key, value] of target.searchParams) query[key] = [...(query[key] ?? []), value];
  const signed = await signer.sign({
    method,
    protocol: target.protocol,
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    query,
    headers: {
      host: target.host,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  // fetch sets Host itself, to the same value.
  const { host: _host, ...headers } = signed.headers;
  return fetch(url, { method, headers, ...(init.body === undefined ? {} : { body: init.body }) });
};
