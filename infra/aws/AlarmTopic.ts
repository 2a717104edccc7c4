import type { RemovalPolicy } from 'aws-cdk-lib';
import type { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /**
   * Removal policy of the topic's KMS key.
   * @default the Key default (RETAIN)
   */
  readonly keyRemovalPolicy?: RemovalPolicy;
}

/**
 * The encrypted SNS topic every health alarm of the platform notifies. It lives in the root stack and exists
 * before the module stacks, whose composite alarms notify it (CDK passes its ARN to them as a parameter).
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;
  /** The alarm action that publishes to the topic. */
  readonly action: IAlarmAction;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the SOLEil alarm topic',
      ...(props.keyRemovalPolicy ? { removalPolicy: props.keyRemovalPolicy } : {}),
    });
    // CloudWatch publishes alarm notifications to the topic, so it must be able to use the topic's key.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'SOLEil platform alarms',
      masterKey: key,
      enforceSSL: true,
    });
    this.action = new SnsAction(this.topic);
  }
}
