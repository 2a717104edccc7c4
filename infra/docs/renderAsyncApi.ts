import * as z from 'zod';
import { eventContracts } from '../../shared/contracts/eventCatalog.ts';
import { eventDetailSchema } from '../../shared/contracts/eventEnvelope.ts';
import type { PlatformModel } from '../../shared/platformModel/PlatformModel.ts';

/** `docs/asyncapi.json`: AsyncAPI 3.0 description of the bus — one channel and message per event. */
export const renderAsyncApi = (model: PlatformModel, version: string): Record<string, unknown> => {
  const channels: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const contract of eventContracts) {
    const event = model.events.find((e) => e.name === contract.name);
    const id = contract.name.replace('.', '_');
    messages[id] = {
      name: contract.name,
      title: contract.name,
      summary: contract.description,
      headers: {
        type: 'object',
        properties: {
          source: { const: `soleil.${contract.owner}` },
          'detail-type': { const: contract.name },
        },
      },
      payload: z.toJSONSchema(eventDetailSchema(contract.data), { io: 'input', unrepresentable: 'any' }),
    };
    channels[id] = { address: contract.name, messages: { [id]: { $ref: `#/components/messages/${id}` } } };
    if (event?.published) {
      operations[`${contract.owner}_publishes_${id}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${id}` },
        summary: `${contract.owner} publishes ${contract.name}`,
      };
    }
    for (const s of event?.subscribers ?? []) {
      operations[`${s.module}_${s.subscriptionId}_${id}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${id}` },
        summary: `${s.module}.${s.subscriptionId} receives ${contract.name}`,
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: { title: 'SOLEil platform events', version, description: 'Events on the SOLEil EventBridge bus.' },
    channels,
    operations,
    components: { messages },
  };
};
