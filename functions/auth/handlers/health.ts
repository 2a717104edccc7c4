import { healthHandler } from '../../../shared/runtime/index.ts';
import { signingHealth } from '../useCases/signingKeys.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

/** Auth is healthy when it can sign (see `signingHealth`). */
export const handler = healthHandler(() => signingHealth(authDependencies()));
