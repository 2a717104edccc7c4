import type { ServerResponse } from 'node:http';
import { compileEventPattern, InvalidEventPatternError } from '../../../shared/eventPatterns/index.ts';
import type { RuleModel } from '../../../shared/platformModel/PlatformModel.ts';
import type { EventRouter } from '../events/EventRouter.ts';
import { LOCAL_NAMES } from '../localNames.ts';
import { sendAwsError, sendJson } from './httpExchange.ts';
import { PUT_EVENTS_LIMITS, type PutEventsRequestEntry, toBusEvent } from './putEventsEntries.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** Fields EventBridge requires of the event given to TestEventPattern. */
const TEST_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'] as const;

export interface EventBridgeApiOptions {
  readonly router: EventRouter;
  readonly rules: readonly RuleModel[];
  readonly region: string;
}

type Input = Record<string, unknown>;

/**
 * EventBridge's JSON 1.1 API (`X-Amz-Target: AWSEvents.<Operation>`): PutEvents into the local router,
 * TestEventPattern with the platform's matcher, and the read calls for inspecting the bus and its rules.
 */
export class EventBridgeApi {
  private readonly busArn: string;

  constructor(private readonly options: EventBridgeApiOptions) {
    this.busArn = `arn:aws:events:${options.region}:${LOCAL_NAMES.account}:event-bus/${LOCAL_NAMES.eventBusName}`;
  }

  handle(operation: string, body: Buffer, res: ServerResponse): void {
    let input: Input;
    try {
      input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as Input);
    } catch {
      this.error(res, 400, 'SerializationException', 'Request body is not valid JSON.');
      return;
    }
    switch (operation) {
      case 'PutEvents':
        this.putEvents(input, res);
        return;
      case 'TestEventPattern':
        this.testEventPattern(input, res);
        return;
      case 'ListRules':
        this.ok(res, { Rules: this.rulesNamed(input.NamePrefix).map((r) => this.describe(r)) });
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
            { Name: 'default', Arn: this.busArn.replace(LOCAL_NAMES.eventBusName, 'default') },
            { Name: LOCAL_NAMES.eventBusName, Arn: this.busArn },
          ],
        });
        return;
      default:
        this.error(res, 400, 'UnknownOperationException', `Operation ${operation} is not supported locally.`);
    }
  }

  private putEvents(input: Input, res: ServerResponse): void {
    const entries = input.Entries;
    if (!Array.isArray(entries) || entries.length === 0) {
      this.error(
        res,
        400,
        'ValidationException',
        "1 validation error detected: Value at 'entries' must not be empty",
      );
      return;
    }
    if (entries.length > PUT_EVENTS_LIMITS.maxEntries) {
      this.error(
        res,
        400,
        'ValidationException',
        "1 validation error detected: Value at 'entries' failed to satisfy constraint: " +
          `Member must have length less than or equal to ${PUT_EVENTS_LIMITS.maxEntries}`,
      );
      return;
    }
    const receivedAt = Date.now();
    const converted = (entries as PutEventsRequestEntry[]).map((e) =>
      toBusEvent(e, { region: this.options.region, account: LOCAL_NAMES.account }),
    );
    const Entries = converted.map((c) => c.result);
    const FailedEntryCount = Entries.filter((e) => 'ErrorCode' in e).length;
    // Routing only schedules deliveries, so handing the events over first costs the response nothing.
    this.options.router.put(
      converted.flatMap((c) => (c.event ? [c.event] : [])),
      receivedAt,
    );
    this.ok(res, { FailedEntryCount, Entries });
  }

  private testEventPattern(input: Input, res: ServerResponse): void {
    let matcher: (event: unknown) => boolean;
    try {
      matcher = compileEventPattern(String(input.EventPattern ?? ''));
    } catch (error) {
      if (error instanceof InvalidEventPatternError) {
        this.error(res, 400, 'InvalidEventPatternException', error.message);
        return;
      }
      throw error;
    }
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(String(input.Event ?? '')) as Record<string, unknown>;
    } catch {
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

  private describeRule(input: Input, res: ServerResponse): void {
    const rule = this.options.rules.find((r) => r.id === input.Name);
    if (!rule) {
      this.ruleNotFound(input.Name, res);
      return;
    }
    this.ok(res, { ...this.describe(rule), CreatedBy: LOCAL_NAMES.account });
  }

  private listTargets(input: Input, res: ServerResponse): void {
    const rule = this.options.rules.find((r) => r.id === input.Rule);
    if (!rule) {
      this.ruleNotFound(input.Rule, res);
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

  private rulesNamed(prefix: unknown): readonly RuleModel[] {
    return typeof prefix === 'string'
      ? this.options.rules.filter((r) => r.id.startsWith(prefix))
      : this.options.rules;
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

  private ruleNotFound(name: unknown, res: ServerResponse): void {
    this.error(
      res,
      400,
      'ResourceNotFoundException',
      `Rule ${String(name)} does not exist on EventBus ${LOCAL_NAMES.eventBusName}.`,
    );
  }

  private ok(res: ServerResponse, body: unknown): void {
    sendJson(res, 200, body, {}, CONTENT_TYPE);
  }

  private error(res: ServerResponse, status: number, code: string, message: string): void {
    sendAwsError(res, status, code, message, CONTENT_TYPE);
  }
}
