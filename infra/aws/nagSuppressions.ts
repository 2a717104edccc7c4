import { type CfnResource, Names, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { SoleilStack } from './SoleilStack.ts';

const acknowledge = (scope: IConstruct, id: string, reason: string): void => {
  Validations.of(scope).acknowledge({ id, reason });
};

/** CloudFormation's token for a resource attribute, as cdk-nag prints it inside finding ids. */
const logicalIdOf = (construct: IConstruct): string =>
  Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnResource);

/**
 * The parameter through which a nested stack receives the Ref of `construct` from its parent, as cdk-nag prints it
 * inside finding ids: CDK names it after the referenced resource's unique id.
 */
const nestedReferenceTo = (construct: IConstruct): string =>
  `referenceto${Names.nodeUniqueId((construct.node.defaultChild as CfnResource).node)}Ref`;

/** What CDK's `grantReadWrite` on a bucket allows with wildcards (object-level variants of each action). */
const BUCKET_READ_WRITE_WILDCARDS = [
  's3:GetObject*',
  's3:GetBucket*',
  's3:List*',
  's3:DeleteObject*',
  's3:Abort*',
];

/**
 * Every cdk-nag acknowledgment of the platform, each with the reason it is acceptable. Everything else cdk-nag
 * reports is fixed in the constructs. Acknowledgments are as narrow as the finding allows: one rule, on the
 * construct concerned, with the exact resource where the rule names one.
 */
export const acknowledgeNagFindings = (stack: SoleilStack): void => {
  const model = stack.model;
  const scheduledFunctionIds = new Set(model.schedules.map((s) => s.functionId));
  const subscriberFunctionIds = new Set(model.rules.map((r) => r.functionId));

  for (const module of stack.modules.values()) {
    acknowledge(
      module.role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) support no resource-level permissions.',
    );
    for (const table of module.tables.byId.values()) {
      acknowledge(
        module.role,
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(table)}.Arn>/index/*]`,
        'The module queries the GSIs of its own table; index names come from its manifest.',
      );
    }
    for (const bucket of module.storage.bucketsById.values()) {
      for (const action of BUCKET_READ_WRITE_WILDCARDS) {
        acknowledge(
          module.role,
          `AwsSolutions-IAM5[Action::${action}]`,
          'CDK’s read/write grant on the module’s own bucket (objects and multipart uploads); nothing else.',
        );
      }
      acknowledge(
        module.role,
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(bucket)}.Arn>/*]`,
        'Object keys of the module’s own bucket are only known at run time.',
      );
      acknowledge(
        bucket,
        'AwsSolutions-S1',
        'A cache of copies of library files that expire after the declared days; objects are read only through ' +
          'short-lived signed links the module issues after its own authorization checks.',
      );
    }
    for (const secret of module.storage.secretsById.values()) {
      acknowledge(
        secret,
        'AwsSolutions-SMG4',
        'Its value is a credential of an outside service (e.g. a Google service-account key) that an operator ' +
          'puts and rotates at that service; Secrets Manager cannot rotate it.',
      );
    }
    for (const [functionId, fn] of module.functions) {
      if (subscriberFunctionIds.has(functionId)) {
        acknowledge(
          fn,
          'Serverless-LambdaEventSourceMappingDestination',
          'It consumes SQS subscription queues; SQS mappings take no on-failure destination: a record failed ' +
            'maxRetries + 1 times moves to the queue’s dead-letter queue (redrive policy), which is alarmed.',
        );
      }
      if (scheduledFunctionIds.has(functionId)) {
        acknowledge(
          fn,
          'Serverless-LambdaAsyncFailureDestination',
          'Failed scheduled (asynchronous) invocations go to the function dead-letter queue (DeadLetterConfig), which is alarmed.',
        );
      } else {
        acknowledge(
          fn,
          'Serverless-LambdaDLQ',
          subscriberFunctionIds.has(functionId)
            ? 'Not invoked asynchronously: it reads its subscription queues, whose redrive policy dead-letters.'
            : 'Invoked synchronously only (API Gateway, service calls, health checks, authorizer): the caller ' +
                'receives the error, so there is nothing to dead-letter.',
        );
      }
    }
    for (const queue of [...module.rules, ...module.schedules].map((r) => r.deadLetterQueue)) {
      acknowledge(
        queue,
        'AwsSolutions-SQS3',
        'This queue is the dead-letter queue of a subscription (its rule target and its queue) or of a schedule.',
      );
      acknowledge(
        queue,
        'Serverless-SQSRedrivePolicy',
        'This queue is itself a dead-letter queue; messages are inspected and redriven by operators (alarmed).',
      );
    }
    if (module.failedInvocationsQueue) {
      acknowledge(
        module.failedInvocationsQueue,
        'Serverless-SQSRedrivePolicy',
        'This queue is itself the dead-letter queue of the module’s scheduled functions (alarmed).',
      );
    }
  }

  for (const moduleStack of stack.moduleStacks.values()) {
    for (const { model: route, route: apiRoute } of moduleStack.httpRoutes.routes) {
      if (route.auth === 'public') {
        acknowledge(
          apiRoute,
          'AwsSolutions-APIG4',
          `${route.method} ${route.path} is declared public in the ${route.module} manifest (e.g. health, sign-in).`,
        );
      }
    }
  }

  const webSocket = stack.webSocketApi;
  if (webSocket) {
    for (const moduleStack of stack.moduleStacks.values()) {
      const routes = moduleStack.webSocketRoutes?.routes;
      if (!routes) continue;
      for (const [routeKey, route] of routes) {
        if (routeKey !== '$connect') {
          acknowledge(
            route,
            'AwsSolutions-APIG4',
            'WebSocket authorization happens once, on $connect; API Gateway allows authorizers on $connect only.',
          );
        }
      }
      acknowledge(
        moduleStack.module.role,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${nestedReferenceTo(webSocket.api)}>/${webSocket.stage.stageName}/*/@connections/*]`,
        'Connection ids are only known at run time; the grant is limited to this API’s stage.',
      );
    }
  }

  acknowledge(
    stack.catalog,
    'AwsSolutions-IAM5[Resource::*]',
    'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) support no resource-level permissions.',
  );
  acknowledge(
    stack.catalog,
    'Serverless-LambdaDLQ',
    'The catalog writer is a custom resource: CloudFormation waits for its answer and fails the deployment otherwise.',
  );
};
