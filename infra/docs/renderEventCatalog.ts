import type { PlatformModel } from '../../shared/platformModel/PlatformModel.ts';

/** `docs/events.md`: every event with its owner, subscribers and the JSON Schema of its data. */
export const renderEventCatalog = (model: PlatformModel): string => {
  const lines = [
    '# SOLEil event catalog',
    '',
    'Generated from `shared/contracts` by `npm run docs`; do not edit by hand. Every event is published on the',
    'platform bus with `source` = `soleil.<owner>`, `detail-type` = the event name and `detail` = `{ metadata, data }`',
    '(metadata: eventId, schemaVersion, correlationId, causationId, occurredAt, hop, bandId, producer).',
    '',
    '| event | owner | version | band-scoped | published | subscribers |',
    '|---|---|---|---|---|---|',
    ...model.events.map(
      (e) =>
        `| \`${e.name}\` | ${e.owner} | ${e.version} | ${e.bandScoped ? 'yes' : 'no'} | ${e.published ? 'yes' : 'not yet'} | ${
          e.subscribers.map((s) => `${s.module}.${s.subscriptionId}`).join(', ') || '—'
        } |`,
    ),
  ];
  for (const e of model.events) {
    lines.push(
      '',
      `## ${e.name}`,
      '',
      e.description,
      '',
      '```json',
      JSON.stringify(e.dataSchema, null, 2),
      '```',
    );
  }
  return `${lines.join('\n')}\n`;
};
