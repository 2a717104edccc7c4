import { defineModule } from '../../shared/contracts/moduleManifest.ts';
import { SYNC_ENV } from './config/syncConfig.ts';
import { SYNC_METRICS } from './domain/syncMetrics.ts';
import {
  CONNECTIONS_BY_USER_INDEX,
  SUBSCRIPTIONS_BY_BAND_INDEX,
  SYNC_TABLES,
} from './store/syncTableNames.ts';

const S = 'S' as const;
const N = 'N' as const;

/** Live band channels over the WebSocket API: connections, subscriptions, per-band sequence and resume. */
export default defineModule({
  name: 'sync',
  version: '1.0.0',
  description:
    'Live band channels over the WebSocket API: members subscribe to their bands, receive file, gig and dashboard updates with per-band sequence numbers, resume after a reconnect, and see who is online.',
  critical: false,
  publishes: ['sync.file_updated'],
  subscriptions: [
    {
      id: 'relayBandEvent',
      events: ['content.updated', 'content.deleted', 'content.gig_updated'],
      handler: 'handlers/relayBandEvent.handler',
      reactions: [{ on: ['content.updated', 'content.deleted'], publishes: ['sync.file_updated'] }],
      // A broadcast to thousands of connections takes seconds; give it room.
      timeoutSeconds: 60,
      memoryMb: 1024,
    },
    {
      id: 'relayDashboardUpdate',
      events: ['dashboard.module_updated'],
      handler: 'handlers/relayDashboardUpdate.handler',
      // A widget's news only asks the client to read it again: gathered for up to a second, a burst (a folder
      // of charts dropped at once: one recomputation per chart and member) becomes one message per member and
      // widget, and it does not compete with the file messages that caused it.
      batchingWindowSeconds: 1,
      timeoutSeconds: 60,
    },
    {
      id: 'onMembershipEvent',
      events: ['auth.user_logged_in', 'auth.user_logged_out', 'auth.permission_updated'],
      handler: 'handlers/onMembershipEvent.handler',
    },
    {
      id: 'onHealthCheck',
      events: ['system.health_check'],
      handler: 'handlers/onHealthCheck.handler',
      timeoutSeconds: 60,
    },
    {
      id: 'onLibrarySync',
      events: [
        'drive.sync_started',
        'drive.sync_completed',
        'drive.file_added',
        'drive.file_changed',
        'drive.file_removed',
      ],
      handler: 'handlers/onLibrarySync.handler',
      // Progress for leaders, not the file itself: gathered for up to a second, a reconciliation's events (one
      // outbox commit: started, the files, completed) are handled together and in order, behind the flow that
      // brings each file to the members rather than beside it.
      batchingWindowSeconds: 1,
    },
  ],
  routes: [],
  webSocketRoutes: [
    { routeKey: '$connect', handler: 'handlers/connect.handler' },
    { routeKey: '$disconnect', handler: 'handlers/disconnect.handler' },
    { routeKey: '$default', handler: 'handlers/clientMessage.handler' },
  ],
  services: [],
  uses: [{ module: 'auth', service: 'user_service' }],
  health: { handler: 'handlers/health.handler' },
  tables: [
    {
      name: SYNC_TABLES.connections,
      partitionKey: { name: 'pk', type: S },
      sortKey: { name: 'sk', type: S },
      indexes: [
        {
          name: SUBSCRIPTIONS_BY_BAND_INDEX,
          partitionKey: { name: 'bandId', type: S },
          sortKey: { name: 'connectionId', type: S },
        },
        {
          name: CONNECTIONS_BY_USER_INDEX,
          partitionKey: { name: 'userId', type: S },
          sortKey: { name: 'sk', type: S },
        },
      ],
      ttlAttribute: 'expiresAt',
    },
    {
      name: SYNC_TABLES.bandLog,
      partitionKey: { name: 'bandId', type: S },
      sortKey: { name: 'seq', type: N },
      ttlAttribute: 'expiresAt',
    },
    { name: SYNC_TABLES.liveState, partitionKey: { name: 'pk', type: S }, ttlAttribute: 'expiresAt' },
  ],
  metrics: [
    { name: SYNC_METRICS.pushesDelivered, description: 'Band messages pushed to a live connection.' },
    {
      name: SYNC_METRICS.pushesGone,
      description: 'Pushes to a connection API Gateway no longer knew (410): the connection was pruned.',
    },
    {
      name: SYNC_METRICS.pushesFailed,
      description:
        'Pushes that failed after retries (throttled, forbidden): those clients catch up by resuming.',
    },
  ],
  alarms: [
    {
      name: 'LivePushesFailing',
      metric: SYNC_METRICS.pushesFailed,
      threshold: 50,
      description:
        'Live pushes keep failing after retries (management API throttling or permissions): see sync-relayBandEvent logs.',
    },
  ],
  config: [
    {
      name: SYNC_ENV.logWindowSeconds,
      description: 'How long a band’s message log keeps messages for resume (seconds; 86400 = 24 h).',
      default: '86400',
    },
  ],
});
