import { defineModule } from '../../shared/contracts/moduleManifest.ts';
import { catalogService } from '../../shared/contracts/services/coreServices.ts';
import { HEALTH_POLL_MINUTES } from './domain/healthPolicy.ts';
import { CORE_TABLES } from './store/coreTableNames.ts';

/** The platform's own module: the service catalog's reader, the health of every module, the system routes. */
export default defineModule({
  name: 'core',
  version: '1.0.0',
  description:
    'The platform core: module health, the module map, the service catalog and the flow trace (every event and the reactions to it, by correlation id).',
  critical: true,
  publishes: ['system.health_check', 'system.emergency', 'system.warning'],
  subscriptions: [
    {
      id: 'onCatalogueReconciled',
      events: ['content.catalogue_reconciled'],
      handler: 'handlers/onCatalogueReconciled.handler',
    },
    {
      id: 'recordFlowEvents',
      events: [],
      observesAllEvents: true,
      handler: 'handlers/recordFlowEvents.handler',
      // A lost trace item is a gap in a diagram, not a lost change: a few retries, then the dead letters.
      maxRetries: 3,
      // Nobody waits for the trace: gathered for up to a second, it is written up to ten events at a time,
      // after the flows it records rather than competing with them for DynamoDB and the CPU.
      batchingWindowSeconds: 1,
    },
  ],
  routes: [
    {
      method: 'GET',
      path: '/api/system/health',
      auth: 'public',
      handler: 'handlers/getHealth.handler',
      description:
        'Overall status and each module’s version and status; 503 when a critical module is not up.',
    },
    {
      method: 'GET',
      path: '/api/system/modules',
      auth: 'user',
      handler: 'handlers/listModules.handler',
      description: 'Modules with versions, dependencies, services, routes and events.',
    },
    {
      method: 'GET',
      path: '/api/system/flows/{correlationId}',
      auth: 'user',
      handler: 'handlers/getFlow.handler',
      description:
        'A flow by correlation id: its events as a tree with the reactions to each (outcome, timings, calls); `?format=mermaid` a sequence diagram. The user who started it, or a leader of a band it concerns; 404 otherwise.',
    },
  ],
  services: [{ contract: catalogService, handler: 'handlers/catalogService.handler' }],
  tables: [
    {
      name: CORE_TABLES.flowTrace,
      partitionKey: { name: 'correlationId', type: 'S' },
      sortKey: { name: 'key', type: 'S' },
      ttlAttribute: 'expiresAt',
    },
  ],
  health: { handler: 'handlers/health.handler' },
  schedules: [
    {
      id: 'pollHealth',
      rateMinutes: HEALTH_POLL_MINUTES,
      handler: 'handlers/pollHealth.handler',
      description: 'Invokes every module’s health check and records the result in the catalog.',
      timeoutSeconds: 30,
    },
  ],
});
