import { syncProtocol } from './syncMessages.ts';
import type { WebSocketProtocol } from './webSocketProtocol.ts';

/** Every module's WebSocket protocol (rendered into the AsyncAPI document next to the bus's events). */
export const webSocketProtocols: readonly WebSocketProtocol[] = [syncProtocol];
