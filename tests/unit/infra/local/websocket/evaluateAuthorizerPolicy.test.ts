import { describe, expect, it } from 'vitest';
import { evaluateAuthorizerPolicy } from '../../../../../infra/local/websocket/evaluateAuthorizerPolicy.ts';

const arn = 'arn:aws:execute-api:us-east-1:000000000000:soleilws/local/$connect';
const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

describe('evaluateAuthorizerPolicy', () => {
  it('allows an Allow on the exact or a wildcard resource', () => {
    expect(
      evaluateAuthorizerPolicy(policy({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: arn }), arn),
    ).toBe(true);
    expect(
      evaluateAuthorizerPolicy(
        policy({ Effect: 'Allow', Action: ['execute-api:*'], Resource: ['arn:aws:execute-api:*'] }),
        arn,
      ),
    ).toBe(true);
    expect(
      evaluateAuthorizerPolicy({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }, arn),
    ).toBe(true);
  });

  it('denies without a matching Allow, and when any Deny matches', () => {
    expect(
      evaluateAuthorizerPolicy(
        policy({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${arn}x` }),
        arn,
      ),
    ).toBe(false);
    expect(
      evaluateAuthorizerPolicy(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), arn),
    ).toBe(false);
    expect(
      evaluateAuthorizerPolicy(
        policy(
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: arn },
        ),
        arn,
      ),
    ).toBe(false);
    expect(evaluateAuthorizerPolicy(policy(), arn)).toBe(false);
  });

  it('reports a document that is not a policy', () => {
    expect(evaluateAuthorizerPolicy(undefined, arn)).toBeUndefined();
    expect(evaluateAuthorizerPolicy({}, arn)).toBeUndefined();
    expect(
      evaluateAuthorizerPolicy(policy({ Effect: 'Maybe', Action: '*', Resource: '*' }), arn),
    ).toBeUndefined();
  });
});
