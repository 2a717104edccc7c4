import type { ContractsLock } from '../../shared/contracts/compatibility/ContractsSnapshot.ts';

const cell = (text: string): string => text.replaceAll('|', '\\|');

/**
 * `docs/generated/contracts-changelog.md`: the contracts as locked (each event's version, owner and the previous
 * versions still accepted; each service's operations) and every accepted change, newest first.
 */
export const renderContractsChangelog = (lock: ContractsLock): string => {
  const lines = [
    '# Contracts changelog',
    '',
    'Generated from `shared/contracts/contracts.lock.json` by `npm run contracts:lock` (and `npm run docs`); do',
    'not edit. The lock holds the JSON Schema of every event version and service operation; a test refuses a',
    'change that breaks a reader unless it comes as a new event version with the previous one kept for a',
    'transition (see `shared/contracts/README.md`).',
    '',
    '## Events',
    '',
    '| event | owner | version | published | previous versions still accepted |',
    '|---|---|---:|---|---|',
  ];
  for (const [name, e] of Object.entries(lock.events)) {
    const previous = e.previousVersions.map((p) => `v${p.version} until ${p.acceptedUntil}`).join(', ');
    lines.push(
      `| \`${name}\` | ${e.owner} | ${e.version} | ${e.published ? 'yes' : 'not yet (draft)'} | ${previous || '—'} |`,
    );
  }
  lines.push('', '## Services', '', '| service | version | used by | operations |', '|---|---:|---|---|');
  for (const [key, s] of Object.entries(lock.services)) {
    const operations = Object.keys(s.operations)
      .map((o) => `\`${o}\``)
      .join(', ');
    lines.push(`| \`${key}\` | ${s.version} | ${s.usedBy.join(', ') || 'no module yet'} | ${operations} |`);
  }
  lines.push('', '## Changes', '');
  for (const entry of [...lock.changelog].reverse()) {
    lines.push(`### ${entry.date}`, '', ...entry.changes.map((c) => `- ${cell(c)}`), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
};
