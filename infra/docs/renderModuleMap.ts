import { METRICS_NAMESPACE } from '../../shared/contracts/platformMetrics.ts';
import type { AlarmModel, PlatformModel, ThrottleModel } from '../../shared/platformModel/PlatformModel.ts';
import { routeKeyOf } from '../../shared/platformModel/routeKey.ts';

const list = (items: readonly string[]): string =>
  items.length > 0 ? items.map((i) => `\`${i}\``).join(', ') : '—';

/** `10 requests/s, burst 20`. */
const limits = (t: ThrottleModel): string => `${t.rateLimit} requests/s, burst ${t.burstLimit}`;

/** `Sum of OutboxPublishFailed ≥ 1 per 5 min, 3 periods running`. */
const alarmCondition = (a: AlarmModel): string =>
  `${a.statistic} of \`${a.metric}\` ≥ ${a.threshold} per ${a.periodMinutes} min` +
  (a.evaluationPeriods > 1 ? `, ${a.evaluationPeriods} periods running` : '');

/** `docs/modules.md`: what each module is, publishes, subscribes to, serves and owns. */
export const renderModuleMap = (model: PlatformModel): string => {
  const lines = [
    '# SOLEil module map',
    '',
    'Generated from the platform model by `npm run docs`; do not edit by hand.',
    '',
    `Every HTTP route is throttled at ${limits(model.throttling.default)} (its own token bucket, shared by ` +
      'all callers; 429 beyond it) unless its module sets tighter limits, shown in its table.',
    '',
    '| module | version | critical | depends on | publishes | subscribes to |',
    '|---|---|---|---|---|---|',
    ...model.modules.map(
      (m) =>
        `| ${m.name} | ${m.version} | ${m.critical ? 'yes' : 'no'} | ${list(m.dependencies)} | ${list(m.publishes)} | ${list(m.subscribes)} |`,
    ),
  ];
  for (const m of model.modules) {
    lines.push('', `## ${m.name} ${m.version}`, '', m.description, '');
    const routes = model.routes.filter((r) => r.module === m.name);
    if (routes.length > 0) {
      lines.push('HTTP routes:', '', '| method | path | auth | limit | what |', '|---|---|---|---|---|');
      for (const r of routes) {
        const own = model.throttling.routes.find((t) => t.routeKey === routeKeyOf(r));
        lines.push(
          `| ${r.method} | \`${r.path}\` | ${r.auth}${r.localOnly ? ' (local only)' : ''} | ` +
            `${own ? limits(own) : 'default'} | ${r.description} |`,
        );
      }
      lines.push('');
    }
    const ws = model.webSocketRoutes.filter((r) => r.module === m.name);
    if (ws.length > 0) lines.push(`WebSocket routes: ${list(ws.map((r) => r.routeKey))}`, '');
    for (const s of model.services.filter((x) => x.module === m.name)) {
      lines.push(
        `Service \`${s.name}\` v${s.version}: ${s.description} Operations: ${list(s.operations)}.`,
        '',
      );
    }
    for (const r of model.rules.filter((x) => x.module === m.name)) {
      lines.push(
        `Subscription \`${r.subscriptionId}\`: ${r.observesAllEvents ? 'every platform event (an observer)' : list(r.events)} (retries ${r.maxRetries}, then DLQ).`,
        '',
      );
    }
    for (const s of model.schedules.filter((x) => x.module === m.name)) {
      lines.push(`Schedule \`${s.scheduleId}\` every ${s.rateMinutes} min: ${s.description}`, '');
    }
    const tables = model.tables.filter((t) => t.module === m.name);
    const tableNames = tables.map((t) => (t.localOnly ? `${t.name} (embedded platform only)` : t.name));
    if (tables.length > 0) lines.push(`Tables: ${list(tableNames)}`, '');
    for (const key of (model.signingKeys ?? []).filter((k) => k.module === m.name)) {
      lines.push(
        `Signing key \`${key.name}\` (${key.algorithm}, generation ${key.generation}; a KMS key in AWS): ${key.description}`,
        '',
      );
    }
    const settings = m.config.map((c) => c.name);
    if (settings.length > 0) lines.push(`Settings: ${list(settings)}`, '');
    const metrics = model.metrics.filter((x) => x.module === m.name);
    if (metrics.length > 0) {
      lines.push(
        `Metrics (namespace \`${METRICS_NAMESPACE}\`):`,
        '',
        '| metric | unit | what it counts |',
        '|---|---|---|',
      );
      for (const x of metrics) lines.push(`| \`${x.name}\` | ${x.unit} | ${x.description} |`);
      lines.push('');
    }
    const alarms = model.alarms.filter((x) => x.module === m.name);
    if (alarms.length > 0) {
      lines.push('Alarms (beside the platform’s own on every function, queue and rule):', '');
      lines.push('| alarm | fires when | what it means |', '|---|---|---|');
      for (const a of alarms) lines.push(`| \`${a.name}\` | ${alarmCondition(a)} | ${a.description} |`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
};
