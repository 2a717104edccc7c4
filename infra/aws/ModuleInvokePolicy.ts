import { type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface ModuleInvokePolicyProps {
  /** The role of the module whose functions call. */
  readonly role: IRole;
  /** The functions of other modules it may invoke: the services it uses (and, for the poller, health checks). */
  readonly functions: readonly IFunction[];
}

/**
 * Lets one module's functions invoke exactly the given functions of other modules (exact ARNs, no qualifiers).
 *
 * Rendered in the root stack, which refers to both modules' stacks: a policy in the caller's stack would make
 * module stacks refer to one another, and two modules that call each other (core polls every module's health)
 * would depend on each other. It is a policy of its own, not the role's default policy that every function of
 * the module depends on.
 */
export class ModuleInvokePolicy extends Construct {
  readonly policy: Policy;

  constructor(scope: Construct, id: string, props: ModuleInvokePolicyProps) {
    super(scope, id);
    this.policy = new Policy(this, 'Policy', {
      roles: [props.role],
      statements: [
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: props.functions.map((f) => f.functionArn),
        }),
      ],
    });
  }
}
