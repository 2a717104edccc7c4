import type { EventData } from '../../../shared/contracts/eventCatalog.ts';

/** The code operators filter `system.warning` on for a catalogue that had drifted from its library. */
export const CATALOGUE_DRIFT_CODE = 'catalogue_drift';

/**
 * The `system.warning` for a reconciliation that found drift (content publishes `content.catalogue_reconciled`;
 * only core may publish `system.*`, so core says it for content). Names the band and the counts.
 */
export const driftWarning = (
  reconciled: EventData<'content.catalogue_reconciled'>,
  correlationId: string,
): EventData<'system.warning'> => ({
  module: 'content',
  code: CATALOGUE_DRIFT_CODE,
  message:
    `Band ${reconciled.bandId}: the song catalogue had drifted from the drive's library and was repaired ` +
    `(${reconciled.trigger}): ${reconciled.added} added, ${reconciled.changed} changed, ` +
    `${reconciled.removed} removed, ${reconciled.unchanged} unchanged`,
  correlationId,
});
