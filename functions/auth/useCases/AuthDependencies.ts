import type { Logger } from '@aws-lambda-powertools/logger';
import type { Outbox } from '../../../shared/runtime/index.ts';
import type { AccessTokenIssuer } from '../crypto/AccessTokenIssuer.ts';
import type { AccessTokenVerifier } from '../crypto/AccessTokenVerifier.ts';
import type { GoogleIdTokenVerifier } from '../crypto/GoogleIdTokenVerifier.ts';
import type { SigningKeyProvider } from '../crypto/SigningKeyProvider.ts';
import type { BandStore } from '../store/BandStore.ts';
import type { InvitationStore } from '../store/InvitationStore.ts';
import type { SessionStore } from '../store/SessionStore.ts';
import type { UserStore } from '../store/UserStore.ts';

/** Everything the auth use cases work with; handlers get it from `authDependencies()`, tests build their own. */
export interface AuthDependencies {
  readonly users: UserStore;
  readonly bands: BandStore;
  readonly invitations: InvitationStore;
  readonly sessions: SessionStore;
  readonly keys: SigningKeyProvider;
  readonly tokens: AccessTokenIssuer;
  readonly verifier: AccessTokenVerifier;
  /** Null when no Google client id is configured (Google sign-in then answers 503). */
  readonly google: GoogleIdTokenVerifier | null;
  /** Commits each state change with its events and publishes them (the kit's transactional outbox). */
  readonly outbox: Outbox;
  /** Where a failure that must not fail the request is told (the module's Powertools logger). */
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly now: () => Date;
}
