/** Account id of local ARNs (AWS's documentation placeholder, never a real account). */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** The region of everything local: the functions' AWS_REGION, every ARN, and the SDK clients' region. */
export const LOCAL_AWS_REGION = 'eu-west-1';

/** Credentials DynamoDB Local accepts; it never checks them, and with sharedDb they do not split data. */
export const LOCAL_AWS_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** Names of the local platform's resources; AWS names them in the CDK stack, locally they are fixed. */
export const LOCAL_NAMES = {
  stage: 'local',
  eventBusName: 'soleil-local',
  catalogTableName: 'soleil-service-catalog',
  account: LOCAL_ACCOUNT_ID,
  tableName: (tableId: string): string => `soleil-${tableId}`,
  /** A module bucket, served by the local AWS endpoint's S3 subset. */
  bucketName: (bucketId: string): string => `soleil-${bucketId}`,
  /** A module secret, served by the local AWS endpoint's Secrets Manager subset (created empty). */
  secretName: (secretId: string): string => `soleil-${secretId}`,
  functionArn: (region: string, functionId: string): string =>
    `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${functionId}`,
  ruleArn: (region: string, ruleId: string): string =>
    `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:rule/soleil-local/${ruleId}`,
  /** A subscription's queue, as the CDK stack gives each rule one (local, never a real queue). */
  queueArn: (region: string, ruleId: string): string =>
    `arn:aws:sqs:${region}:${LOCAL_ACCOUNT_ID}:soleil-local-${ruleId}`,
} as const;
