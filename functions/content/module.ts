import { defineModule } from '../../shared/contracts/moduleManifest.ts';
import { contentService } from '../../shared/contracts/services/contentServices.ts';
import { CATALOGUE_TABLE } from './store/DynamoDbCatalogueStore.ts';
import { GIGS_TABLE } from './store/DynamoDbGigStore.ts';
import { MEMBERS_TABLE } from './store/DynamoDbMemberStore.ts';

const band = '/api/content/bands/{bandId}';

/** Content: library file names into songs and parts per instrument, gigs and setlists. See README.md. */
export default defineModule({
  name: 'content',
  version: '1.0.0',
  description:
    'The song catalogue (file names into songs, charts per instrument, audio, parts coming), gigs with setlists and personnel, per member.',
  critical: false,
  publishes: [
    'content.parsed',
    'content.updated',
    'content.deleted',
    'content.metadata_changed',
    'content.gig_updated',
    'content.catalogue_reconciled',
  ],
  subscriptions: [
    {
      id: 'onLibraryFileChange',
      events: ['drive.file_added', 'drive.file_changed', 'drive.file_removed'],
      handler: 'handlers/onLibraryFileChange.handler',
      reactions: [
        { on: ['drive.file_added', 'drive.file_changed'], publishes: ['content.parsed', 'content.updated'] },
        { on: ['drive.file_removed'], publishes: ['content.deleted'], when: 'the file was in the catalogue' },
      ],
    },
    {
      id: 'onMembershipChange',
      events: ['auth.user_logged_in', 'auth.permission_updated'],
      handler: 'handlers/onMembershipChange.handler',
    },
  ],
  routes: [
    {
      method: 'GET',
      path: `${band}/songs`,
      auth: 'user',
      handler: 'handlers/listSongs.handler',
      description:
        'The caller’s songs: charts for their instruments, audio, parts coming (?instrument=, leaders ?view=all); paged.',
    },
    {
      method: 'GET',
      path: `${band}/songs/{songKey}`,
      auth: 'user',
      handler: 'handlers/getSong.handler',
      description:
        'The files of a song the caller sees; leaders get every file and the missing parts per token.',
    },
    {
      method: 'PATCH',
      path: `${band}/songs/{songKey}`,
      auth: 'leader',
      handler: 'handlers/renameSong.handler',
      description: 'Sets the band’s display title of a song.',
    },
    {
      method: 'GET',
      path: `${band}/nonconforming`,
      auth: 'leader',
      handler: 'handlers/listNonconforming.handler',
      description: 'Library names that do not follow the naming rules, with the reason.',
    },
    {
      method: 'POST',
      path: `${band}/reconcile`,
      auth: 'leader',
      handler: 'handlers/reconcile.handler',
      description: 'Compares the catalogue with the drive’s library and repairs drift both ways.',
      timeoutSeconds: 60,
    },
    {
      method: 'POST',
      path: `${band}/gigs`,
      auth: 'leader',
      handler: 'handlers/createGig.handler',
      description: 'Creates a gig (date, name, venue, load-in, downbeat, dress code, notes, status).',
    },
    {
      method: 'GET',
      path: `${band}/gigs`,
      auth: 'user',
      handler: 'handlers/listGigs.handler',
      description: 'The band’s gigs with the caller’s offer (?selection=upcoming|completed|pending).',
    },
    {
      method: 'GET',
      path: `${band}/gigs/{gigId}`,
      auth: 'user',
      handler: 'handlers/getGig.handler',
      description:
        'A gig with the caller’s parts and recordings per setlist song, in set order, and its documents.',
    },
    {
      method: 'PATCH',
      path: `${band}/gigs/{gigId}`,
      auth: 'leader',
      handler: 'handlers/updateGig.handler',
      description: 'Edits a gig’s details or status.',
    },
    {
      method: 'DELETE',
      path: `${band}/gigs/{gigId}`,
      auth: 'leader',
      handler: 'handlers/deleteGig.handler',
      description: 'Deletes a gig.',
    },
    {
      method: 'PUT',
      path: `${band}/gigs/{gigId}/setlist`,
      auth: 'leader',
      handler: 'handlers/putSetlist.handler',
      description: 'Replaces the setlist: sets of songs with key, duration and notes.',
    },
    {
      method: 'PUT',
      path: `${band}/gigs/{gigId}/personnel`,
      auth: 'leader',
      handler: 'handlers/putPersonnel.handler',
      description: 'Offers chairs (member and instrument); answers already given are kept.',
    },
    {
      method: 'POST',
      path: `${band}/gigs/{gigId}/response`,
      auth: 'user',
      handler: 'handlers/respondToOffer.handler',
      description: 'The member accepts or declines the chair offered to them.',
    },
  ],
  services: [{ contract: contentService, handler: 'handlers/contentService.handler' }],
  uses: [
    { module: 'auth', service: 'user_service' },
    { module: 'drive', service: 'library_service' },
  ],
  health: { handler: 'handlers/health.handler' },
  schedules: [
    {
      id: 'reconcileLibraries',
      rateMinutes: 15,
      handler: 'handlers/reconcileLibraries.handler',
      description:
        'Compares the catalogue of the bands that waited longest (ten a run, each every six hours) with drive’s library and repairs drift.',
      timeoutSeconds: 900,
    },
  ],
  tables: [
    {
      name: CATALOGUE_TABLE,
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
    },
    {
      name: MEMBERS_TABLE,
      partitionKey: { name: 'bandId', type: 'S' },
      sortKey: { name: 'userId', type: 'S' },
    },
    { name: GIGS_TABLE, partitionKey: { name: 'bandId', type: 'S' }, sortKey: { name: 'gigId', type: 'S' } },
  ],
  outbox: true,
});
