import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION, LOCAL_NAMES } from '../../infra/local/shared/localNames.ts';
import type { EventData } from '../../shared/contracts/eventCatalog.ts';
import { createPublisher } from '../../shared/runtime/index.ts';

/**
 * Publishes as the content module would (the platform's publisher, source `soleil.content`) through the
 * embedded platform's EventBridge endpoint: stands in for content until its module runs on the platform.
 */
export const contentPublisher = (awsUrl: string) => {
  const publisher = createPublisher({
    module: 'content',
    busName: LOCAL_NAMES.eventBusName,
    client: new EventBridgeClient({
      endpoint: awsUrl,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
    }),
  });
  return {
    updated: (data: EventData<'content.updated'>) => publisher.publish('content.updated', data),
    gigUpdated: (data: EventData<'content.gig_updated'>) => publisher.publish('content.gig_updated', data),
  };
};

/** `content.updated` data for a library file, as content publishes it. */
export const fileUpdate = (
  bandId: string,
  fileName: string,
  audience:
    | {
        instruments: EventData<'content.updated'>['instruments'];
        token: EventData<'content.updated'>['token'];
      }
    | 'all',
): EventData<'content.updated'> => ({
  bandId,
  fileId: `file-${fileName.replace(/[^A-Za-z0-9]/g, '-')}`,
  fileName,
  change: 'added',
  kind: audience === 'all' ? 'audio' : 'chart',
  songId: 'misty',
  displayTitle: 'Misty',
  token: audience === 'all' ? null : audience.token,
  instruments: audience === 'all' ? [] : audience.instruments,
  allMembers: audience === 'all',
});
