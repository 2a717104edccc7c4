import { scheduleHandler } from '../../../shared/runtime/index.ts';
import type { PollMemory } from '../domain/pollModuleHealth.ts';
import { pollHealth } from '../useCases/pollHealth.ts';
import { coreDependencies } from '../wiring/coreDependencies.ts';

// Kept by the warm container between polls: whether the catalog outage it sees was declared already.
let memory: PollMemory | undefined;

/** Scheduled every minute: the catalog's health column is only as fresh as this poll. */
export const handler = scheduleHandler(async ({ correlationId, logger }) => {
  const result = await pollHealth(coreDependencies(), { correlationId, logger }, memory);
  memory = result.memory;
  logger.info('Module health polled', { status: result.health.status });
});
