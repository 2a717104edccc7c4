import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Publisher } from '../../../shared/runtime/index.ts';
import type { AccessTokenIssuer } from '../crypto/AccessTokenIssuer.ts';
import type { AccessTokenVerifier } from '../crypto/AccessTokenVerifier.ts';
import type { GoogleIdTokenVerifier } from '../crypto/GoogleIdTokenVerifier.ts';
import type { SigningKeyProvider } from '../crypto/SigningKeyProvider.ts';
import type { BandStore } from '../store/BandStore.ts';
import type { InvitationStore } from '../store/InvitationStore.ts';
import type { OutboxStore } from '../store/OutboxStore.ts';
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
  readonly outbox: OutboxStore;
  readonly publisher: Publisher;
  /** Where a failure that must not fail the request is told (the module's Powertools logger). */
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The module's Powertools metrics (flushed by the handler kit, or by the schedule handler). */
  readonly metrics: Pick<Metrics, 'addMetric'>;
  readonly now: () => Date;
}
