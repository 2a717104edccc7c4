/** The flows the platform is built around (DOMAIN.md), by where they start; the rest comes from the model. */
export interface FlowStart {
  readonly id: string;
  readonly title: string;
  readonly starter: { readonly participant: string; readonly action: string };
  /** The events the starter publishes; one with `when` happens only under that condition. */
  readonly publishes: readonly { readonly event: string; readonly when?: string }[];
}

/**
 * Login and file update, documented in `docs/generated/flows.md` and held to what really happens by
 * `tests/integration/shared/flows/documentedFlows.test.ts`.
 */
export const PLATFORM_FLOWS: readonly FlowStart[] = [
  {
    id: 'login',
    title: 'Login: one sign-in fans out',
    starter: { participant: 'auth', action: 'POST /api/auth/dev-login (Google sign-in in AWS)' },
    publishes: [{ event: 'auth.user_logged_in' }],
  },
  {
    id: 'file-update',
    title: 'File update: a chart dropped into the band library',
    starter: {
      participant: 'drive',
      action: 'a file written into the band library folder (a Google Drive change notification in AWS)',
    },
    publishes: [
      { event: 'drive.sync_started' },
      { event: 'drive.folder_created', when: 'a new folder' },
      { event: 'drive.file_added', when: 'a new file' },
      { event: 'drive.file_changed', when: 'a changed file' },
      { event: 'drive.file_removed', when: 'a removed file' },
      { event: 'drive.sync_completed' },
    ],
  },
];
