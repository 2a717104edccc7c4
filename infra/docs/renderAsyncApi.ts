import * as z from 'zod';
import { eventContracts } from '../../shared/contracts/eventCatalog.ts';
import { eventDetailSchema } from '../../shared/contracts/eventEnvelope.ts';
import type { WebSocketProtocol } from '../../shared/contracts/websocket/webSocketProtocol.ts';
import { webSocketProtocols } from '../../shared/contracts/websocket/webSocketProtocols.ts';
import type { PlatformModel } from '../../shared/platformModel/PlatformModel.ts';

/** A protocol message's JSON Schema and its name (the literal of its `action` or `type` field). */
const protocolMessage = (schema: z.ZodType, discriminator: 'action' | 'type') => {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { const?: unknown }>;
  };
  const name = json.properties?.[discriminator]?.const;
  if (typeof name !== 'string')
    throw new Error(`A WebSocket message schema lacks a literal "${discriminator}"`);
  return { name, json, description: schema.description };
};

/**
 * The WebSocket API of each module that serves WebSocket routes: one channel per module, the client's
 * messages as what the platform receives, the server's as what it sends.
 */
const renderWebSocketProtocol = (
  protocol: WebSocketProtocol,
  target: {
    channels: Record<string, unknown>;
    operations: Record<string, unknown>;
    messages: Record<string, unknown>;
  },
): void => {
  const channelId = `websocket_${protocol.module}`;
  const channelMessages: Record<string, unknown> = {};
  const directions = [
    { schemas: protocol.clientMessages, discriminator: 'action', action: 'receive', prefix: 'client' },
    { schemas: protocol.serverMessages, discriminator: 'type', action: 'send', prefix: 'server' },
  ] as const;
  for (const direction of directions) {
    for (const schema of direction.schemas) {
      const message = protocolMessage(schema, direction.discriminator);
      const id = `${protocol.module}_${direction.prefix}_${message.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
      target.messages[id] = {
        name: message.name,
        title: `${direction.prefix === 'client' ? 'client → server' : 'server → client'}: ${message.name}`,
        ...(message.description ? { summary: message.description } : {}),
        contentType: 'application/json',
        payload: message.json,
      };
      channelMessages[id] = { $ref: `#/components/messages/${id}` };
      target.operations[`${id}`] = {
        action: direction.action,
        channel: { $ref: `#/channels/${channelId}` },
        messages: [{ $ref: `#/channels/${channelId}/messages/${id}` }],
        summary: `${protocol.module} ${direction.action === 'receive' ? 'receives' : 'sends'} ${message.name}`,
      };
    }
  }
  target.channels[channelId] = {
    address: '/',
    title: `${protocol.module} WebSocket API`,
    description: protocol.description,
    messages: channelMessages,
  };
};

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
  const served = new Set(model.webSocketRoutes.map((r) => r.module));
  for (const protocol of webSocketProtocols) {
    if (served.has(protocol.module)) renderWebSocketProtocol(protocol, { channels, operations, messages });
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'SOLEil platform events',
      version,
      description: 'Events on the SOLEil EventBridge bus, and the messages of the WebSocket API.',
    },
    channels,
    operations,
    components: { messages },
  };
};
