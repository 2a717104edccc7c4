import type { Logger } from '@aws-lambda-powertools/logger';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventSource } from '../../contracts/eventCatalog.ts';
import { REACTION_REPORT_DETAIL_TYPE, type ReactionReport } from '../../contracts/flowTrace.ts';
import { signWithHeaderSignature } from '../aws/HeaderSigner.ts';
import { runtimeConfig } from '../runtimeConfig.ts';
import { SDK_CLIENT_CONFIG } from '../sdkClientConfig.ts';

/** Where the event kit reports how a subscriber handled its events (core's flow trace). */
export interface ReactionReporter {
  report(reactions: readonly ReactionReport[]): Promise<void>;
}

/**
 * Reports reactions on the bus, with the module's own source (the only one its role may put) and the
 * report's detail-type, which only core's observer of every event matches — the same PutEvents in AWS and on
 * the embedded platform, with the client every subscriber already has for publishing (a service call to core
 * would add the Lambda client to every subscriber's bundle and a synchronous hop to every reaction). One
 * attempt: a lost report is a gap in a diagram, logged, never a reason to retry a reaction.
 */
export const busReactionReporter = (
  module: string,
  logger: Logger,
  client: EventBridgeClient = signWithHeaderSignature(new EventBridgeClient(SDK_CLIENT_CONFIG)),
): ReactionReporter => ({
  report: async (reactions) => {
    if (reactions.length === 0) return;
    try {
      const response = await client.send(
        new PutEventsCommand({
          Entries: [
            {
              Source: eventSource(module),
              DetailType: REACTION_REPORT_DETAIL_TYPE,
              Detail: JSON.stringify({ reactions }),
              EventBusName: runtimeConfig.eventBusName(),
            },
          ],
        }),
      );
      if ((response.FailedEntryCount ?? 0) > 0) logger.warn('reactions not reported: the bus refused them');
    } catch (error) {
      logger.warn('reactions not reported in the flow trace', { error: error as Error });
    }
  },
});

/** The reporter of a function on a platform that runs the flow trace; none elsewhere (nothing would record). */
export const defaultReactionReporter = (module: string, logger: Logger): ReactionReporter | undefined =>
  runtimeConfig.flowTraceEnabled() ? busReactionReporter(module, logger) : undefined;
