/**
 * Decides an IAM policy document returned by a REQUEST authorizer for `execute-api:Invoke` on `methodArn`,
 * as IAM does: an explicit Deny wins, otherwise an Allow is needed. `undefined` means the document is not a
 * policy at all (API Gateway then answers 500).
 */
export const evaluateAuthorizerPolicy = (policyDocument: unknown, methodArn: string): boolean | undefined => {
  if (typeof policyDocument !== 'object' || policyDocument === null) return undefined;
  const raw = (policyDocument as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? undefined : [raw];
  if (statements === undefined) return undefined;
  let allowed = false;
  for (const statement of statements) {
    if (typeof statement !== 'object' || statement === null) return undefined;
    const { Effect, Action, Resource } = statement as {
      Effect?: unknown;
      Action?: unknown;
      Resource?: unknown;
    };
    if (Effect !== 'Allow' && Effect !== 'Deny') return undefined;
    const applies =
      asList(Action).some((action) => matchesWildcard(action, 'execute-api:Invoke')) &&
      asList(Resource).some((resource) => matchesWildcard(resource, methodArn));
    if (!applies) continue;
    if (Effect === 'Deny') return false;
    allowed = true;
  }
  return allowed;
};

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

/** IAM string matching: `*` any run of characters, `?` one character; actions compare case-insensitively. */
const matchesWildcard = (pattern: string, value: string): boolean => {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, pattern.startsWith('arn:') ? '' : 'i').test(value);
};
