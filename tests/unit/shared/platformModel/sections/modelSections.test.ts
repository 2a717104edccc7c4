import { describe, expect, it } from 'vitest';
import { eventContracts } from '../../../../../shared/contracts/eventCatalog.ts';
import { buildPlatformModel } from '../../../../../shared/platformModel/buildPlatformModel.ts';
import { PlatformModelError } from '../../../../../shared/platformModel/PlatformModelError.ts';
import { rulesSection } from '../../../../../shared/platformModel/sections/rulesSection.ts';
import { schedulesSection } from '../../../../../shared/platformModel/sections/schedulesSection.ts';
import { fixtureManifest } from '../../../../helpers/manifestFixtures.ts';

const contracts = new Map(eventContracts.map((c) => [c.name, c]));

describe('model sections', () => {
  it('each returns its part and its own problems, independently of the others', () => {
    const content = fixtureManifest('content', {
      subscriptions: [
        { id: 'onAdd', events: ['drive.file_added'], handler: 'handlers/onAdd.handler' },
        { id: 'onGone', events: ['drive.file_removed'], handler: 'handlers/onGone.handler' },
      ],
    });
    // Only drive.file_added has a publisher: the rules section judges with what the events section found.
    const section = rulesSection(
      [content, fixtureManifest('drive')],
      contracts,
      new Map([['drive.file_added', 'drive']]),
    );
    expect(section.value.map((r) => r.id)).toEqual(['content-onAdd', 'content-onGone']);
    expect(section.problems).toEqual([
      expect.stringMatching(
        /subscription "onGone" listens to "drive.file_removed", which no module publishes/,
      ),
    ]);
  });

  it('refuses two schedules of one id in a module, naming the module and the fix', () => {
    const schedule = {
      id: 'sweep',
      rateMinutes: 5,
      handler: 'handlers/sweep.handler',
      description: 'Sweeps',
    };
    const twice = fixtureManifest('drive', { schedules: [schedule, { ...schedule, rateMinutes: 10 }] });
    expect(schedulesSection([twice]).problems).toEqual([
      'Module "drive" has two schedules "sweep": rename one.',
    ]);
    expect(() => buildPlatformModel([twice], { eventContracts })).toThrow(PlatformModelError);
  });
});
