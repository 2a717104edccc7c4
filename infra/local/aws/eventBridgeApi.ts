import type { ServerResponse } from 'node:http';
import { compileEventPattern, InvalidEventPatternError } from '../../../shared/eventPatterns/index.ts';
import type { RuleModel } from '../../../shared/platformModel/PlatformModel.ts';
import { PUT_EVENTS_MAX_ENTRIES } from '../../../shared/runtime/events/batchEntries.ts';
import type { EventRouter } from '../events/EventRouter.ts';
import { LOCAL_NAMES } from '../shared/localNames.ts';
import { eventBusArn, type LocalBus, resolveEventBus } from './eventBuses.ts';
import { sendAwsError, sendJson } from './httpExchange.ts';
import {
  type Members,
  nullListMembers,
  readInput,
  SerializationError,
  type Shape,
} from './jsonProtocolShapes.ts';
import { InvalidNextTokenError, listPage, MAX_PAGE_SIZE } from './listPage.ts';
import {
  PUT_EVENTS_REQUEST_MAX_BYTES,
  type PutEventsRequestEntry,
  toBusEvent,
  wireEntrySize,
} from './putEventsEntries.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** Fields EventBridge requires of the event given to TestEventPattern. */
const TEST_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'] as const;

export interface EventBridgeApiOptions {
  readonly router: EventRouter;
  readonly rules: readonly RuleModel[];
  readonly region: string;
  /**
   * Told once per bus name when PutEvents accepts events for a bus other than the platform's: AWS accepts
   * and drops them silently (no rule matches), so locally at least the developer hears of it.
   */
  readonly onDroppedEvents?: (busName: string) => void;
}

type Input = Members;

const PUT_EVENTS_ENTRY: Shape = {
  structure: {
    Source: 'string',
    DetailType: 'string',
    Detail: 'string',
    Resources: { list: 'string' },
    Time: 'timestamp',
    EventBusName: 'string',
    TraceHeader: 'string',
  },
};

/** The input members of each supported operation (API reference), as the body is deserialised into them. */
const INPUTS: Readonly<Record<string, Readonly<Record<string, Shape>>>> = {
  PutEvents: { Entries: { list: PUT_EVENTS_ENTRY }, EndpointId: 'string' },
  TestEventPattern: { EventPattern: 'string', Event: 'string' },
  ListRules: { NamePrefix: 'string', EventBusName: 'string', NextToken: 'string', Limit: 'integer' },
  DescribeRule: { Name: 'string', EventBusName: 'string' },
  ListTargetsByRule: { Rule: 'string', EventBusName: 'string', NextToken: 'string', Limit: 'integer' },
  ListEventBuses: { NamePrefix: 'string', NextToken: 'string', Limit: 'integer' },
};

/** Required members, named on the wire in lower camel case as AWS's validation messages name them. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  PutEvents: ['Entries'],
  TestEventPattern: ['EventPattern', 'Event'],
  DescribeRule: ['Name'],
  ListTargetsByRule: ['Rule'],
};

const wireName = (member: string): string => `${member.charAt(0).toLowerCase()}${member.slice(1)}`;

/** AWS's validation message: every constraint violated, counted, joined with "; ". */
const validationMessage = (violations: readonly string[]): string =>
  `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected: ${violations.join('; ')}`;

const notNull = (path: string): string =>
  `Value null at '${path}' failed to satisfy constraint: Member must not be null`;

/**
 * EventBridge's JSON 1.1 API (`X-Amz-Target: AWSEvents.<Operation>`): PutEvents into the local router,
 * TestEventPattern with the platform's matcher, and the read calls for inspecting the bus and its rules.
 */
export class EventBridgeApi {
  private readonly droppedBuses = new Set<string>();

  constructor(private readonly options: EventBridgeApiOptions) {}

  async handle(operation: string, body: Buffer, res: ServerResponse): Promise<void> {
    const members = INPUTS[operation];
    if (!members) {
      this.error(res, 400, 'UnknownOperationException', `Operation ${operation} is not supported locally.`);
      return;
    }
    let input: Input;
    try {
      input = readInput(body, members);
    } catch (error) {
      if (!(error instanceof SerializationError)) throw error;
      this.error(res, 400, 'SerializationException', error.message);
      return;
    }
    const missing = (REQUIRED[operation] ?? []).filter((member) => input[member] === undefined);
    const violations = [
      ...missing.map((m) => notNull(wireName(m))),
      ...nullListMembers(input, { structure: members }).map(notNull),
    ];
    if (violations.length > 0) {
      this.error(res, 400, 'ValidationException', validationMessage(violations));
      return;
    }
    switch (operation) {
      case 'PutEvents':
        await this.putEvents(input, res);
        return;
      case 'TestEventPattern':
        this.testEventPattern(input, res);
        return;
      case 'ListRules':
        this.listRules(input, res);
        return;
      case 'DescribeRule':
        this.describeRule(input, res);
        return;
      case 'ListTargetsByRule':
        this.listTargets(input, res);
        return;
      case 'ListEventBuses':
        this.ok(res, {
          EventBuses: [
            { Name: 'default', Arn: eventBusArn(this.options.region, 'default') },
            {
              Name: LOCAL_NAMES.eventBusName,
              Arn: eventBusArn(this.options.region, LOCAL_NAMES.eventBusName),
            },
          ],
        });
        return;
    }
  }

  private async putEvents(input: Input, res: ServerResponse): Promise<void> {
    // Read as a list of entry structures by readInput.
    const entries = input.Entries as readonly PutEventsRequestEntry[];
    if (entries.length === 0) {
      this.error(
        res,
        400,
        'ValidationException',
        validationMessage([
          "Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
        ]),
      );
      return;
    }
    if (entries.length > PUT_EVENTS_MAX_ENTRIES) {
      this.error(
        res,
        400,
        'ValidationException',
        validationMessage([
          "Value at 'entries' failed to satisfy constraint: " +
            `Member must have length less than or equal to ${PUT_EVENTS_MAX_ENTRIES}`,
        ]),
      );
      return;
    }
    // No entry is null, nor any resource in one: every list was checked in handle().
    const requested = entries as readonly PutEventsRequestEntry[];
    if (requested.reduce((sum, e) => sum + wireEntrySize(e), 0) > PUT_EVENTS_REQUEST_MAX_BYTES) {
      this.error(
        res,
        400,
        'ValidationException',
        'Total size of the entries in the request is over the limit.',
      );
      return;
    }
    const receivedAt = Date.now();
    const converted = requested.map((e) =>
      toBusEvent(e, { region: this.options.region, account: LOCAL_NAMES.account }),
    );
    const Entries = converted.map((c) => c.result);
    const FailedEntryCount = Entries.filter((e) => 'ErrorCode' in e).length;
    // AWS accepts an entry for the default bus or a bus that does not exist, gives it an id and drops it:
    // only the platform's bus has rules (EventBridge user guide, "Handling failures with PutEvents").
    const routed = converted.flatMap((c, index) => {
      if (!c.event) return [];
      const busName = requested[index]?.EventBusName;
      if (resolveEventBus(busName, this.options.region) === 'platform') return [c.event];
      this.reportDropped(busName ?? 'default');
      return [];
    });
    // An EventId is a promise that the event will be delivered: it is answered only once the event is
    // durable (a failure to write it reaches the client as an error, never as an EventId).
    await this.options.router.put(routed, receivedAt);
    this.ok(res, { FailedEntryCount, Entries });
  }

  private testEventPattern(input: Input, res: ServerResponse): void {
    let matcher: (event: unknown) => boolean;
    try {
      matcher = compileEventPattern(String(input.EventPattern));
    } catch (error) {
      if (error instanceof InvalidEventPatternError) {
        this.error(res, 400, 'InvalidEventPatternException', error.message);
        return;
      }
      throw error;
    }
    let event: Record<string, unknown> | null;
    try {
      event = JSON.parse(String(input.Event)) as Record<string, unknown>;
    } catch {
      event = null;
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      this.error(res, 400, 'ValidationException', 'Parameter Event is not valid.');
      return;
    }
    const missing = TEST_EVENT_FIELDS.find((field) => !(field in event));
    if (missing) {
      this.error(
        res,
        400,
        'ValidationException',
        `Parameter Event is not valid. Reason: Provided Event is missing required field ${missing}`,
      );
      return;
    }
    this.ok(res, { Result: matcher(event) });
  }

  private listRules(input: Input, res: ServerResponse): void {
    const rules = this.rulesOnBus(input.EventBusName, res);
    if (!rules) return;
    const limit = input.Limit as number | undefined;
    if (limit !== undefined && (limit < 1 || limit > MAX_PAGE_SIZE)) {
      this.error(
        res,
        400,
        'ValidationException',
        `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: ` +
          `Member must have value ${limit < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_PAGE_SIZE}`}`,
      );
      return;
    }
    const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
    try {
      const { page, nextToken } = listPage(
        rules.filter((r) => r.id.startsWith(prefix)),
        {
          ...(limit !== undefined ? { limit } : {}),
          nextToken: input.NextToken,
          arguments: JSON.stringify([prefix, String(input.EventBusName ?? 'default')]),
        },
      );
      this.ok(res, {
        Rules: page.map((r) => this.describe(r)),
        ...(nextToken ? { NextToken: nextToken } : {}),
      });
    } catch (error) {
      if (!(error instanceof InvalidNextTokenError)) throw error;
      this.error(res, 400, 'InvalidToken', error.message);
    }
  }

  private describeRule(input: Input, res: ServerResponse): void {
    const rules = this.rulesOnBus(input.EventBusName, res);
    if (!rules) return;
    const rule = rules.find((r) => r.id === input.Name);
    if (!rule) {
      this.ruleNotFound(input.Name, input.EventBusName, res);
      return;
    }
    this.ok(res, { ...this.describe(rule), CreatedBy: LOCAL_NAMES.account });
  }

  private listTargets(input: Input, res: ServerResponse): void {
    const rules = this.rulesOnBus(input.EventBusName, res);
    if (!rules) return;
    const rule = rules.find((r) => r.id === input.Rule);
    if (!rule) {
      this.ruleNotFound(input.Rule, input.EventBusName, res);
      return;
    }
    this.ok(res, {
      Targets: [
        {
          Id: rule.functionId,
          Arn: LOCAL_NAMES.functionArn(this.options.region, rule.functionId),
          RetryPolicy: {
            MaximumRetryAttempts: rule.maxRetries,
            MaximumEventAgeInSeconds: rule.maxEventAgeSeconds,
          },
          DeadLetterConfig: { Arn: `local:dead-letters/${rule.id}` },
        },
      ],
    });
  }

  /** The rules of the bus a request names (none on `default`); `undefined` once a 404 was sent. */
  private rulesOnBus(busName: unknown, res: ServerResponse): readonly RuleModel[] | undefined {
    const bus: LocalBus = resolveEventBus(busName, this.options.region);
    if (bus === 'platform') return this.options.rules;
    if (bus === 'default') return [];
    this.error(res, 400, 'ResourceNotFoundException', `Event bus ${String(busName)} does not exist.`);
    return undefined;
  }

  private reportDropped(busName: string): void {
    if (this.droppedBuses.has(busName)) return;
    this.droppedBuses.add(busName);
    this.options.onDroppedEvents?.(busName);
  }

  private describe(rule: RuleModel) {
    return {
      Name: rule.id,
      Arn: LOCAL_NAMES.ruleArn(this.options.region, rule.id),
      EventPattern: JSON.stringify(rule.pattern),
      State: 'ENABLED',
      Description: `${rule.module} subscription ${rule.subscriptionId}`,
      EventBusName: LOCAL_NAMES.eventBusName,
    };
  }

  private ruleNotFound(name: unknown, busName: unknown, res: ServerResponse): void {
    this.error(
      res,
      400,
      'ResourceNotFoundException',
      `Rule ${String(name)} does not exist on EventBus ${String(busName ?? 'default')}.`,
    );
  }

  private ok(res: ServerResponse, body: unknown): void {
    sendJson(res, 200, body, {}, CONTENT_TYPE);
  }

  private error(res: ServerResponse, status: number, code: string, message: string): void {
    sendAwsError(res, status, code, message, CONTENT_TYPE);
  }
}
