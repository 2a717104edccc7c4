import { defineModule } from '../../shared/contracts/moduleManifest.ts';
import { catalogService } from '../../shared/contracts/services/coreServices.ts';
import { HEALTH_POLL_MINUTES } from './domain/healthPolicy.ts';

/** The platform's own module: the service catalog's reader, the health of every module, the system routes. */
export default defineModule({
  name: 'core',
  version: '1.0.0',
  description: 'The platform core: module health, the module map and the service catalog.',
  critical: true,
  publishes: ['system.health_check', 'system.emergency', 'system.warning'],
  subscriptions: [
    {
      id: 'onCatalogueReconciled',
      events: ['content.catalogue_reconciled'],
      handler: 'handlers/onCatalogueReconciled.handler',
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
  ],
  services: [{ contract: catalogService, handler: 'handlers/catalogService.handler' }],
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
