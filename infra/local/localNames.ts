/** Names of the local platform's resources; AWS names them in the CDK stack, locally they are fixed. */
export const LOCAL_NAMES = {
  stage: 'local',
  eventBusName: 'soleil-local',
  catalogTableName: 'soleil-service-catalog',
  /** Account id of local ARNs (AWS's documentation placeholder, never a real account). */
  account: '000000000000',
  tableName: (tableId: string): string => `soleil-${tableId}`,
  functionArn: (region: string, functionId: string): string =>
    `arn:aws:lambda:${region}:000000000000:function:${functionId}`,
  ruleArn: (region: string, ruleId: string): string =>
    `arn:aws:events:${region}:000000000000:rule/soleil-local/${ruleId}`,
} as const;
