import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/** Stops guarding: call it once the guarded process has exited, before its pid can be reused. */
export type ReleaseGuard = () => void;

/**
 * Makes the process `pid` die with this one, even when this one is killed with SIGKILL and runs no exit
 * handler. Node cannot ask the kernel for that (Linux's PR_SET_PDEATHSIG is not exposed), so a tiny `sh`
 * watches a pipe from this process: when this process dies, however it dies, the kernel closes the pipe,
 * `read` returns and the shell kills `pid`. Not available on Windows (no `sh`): there the pid file left in the
 * data dir lets the next start clean up instead.
 */
export const killWithThisProcess = (pid: number): ReleaseGuard => {
  if (process.platform === 'win32') return () => undefined;
  const guard = spawn('sh', ['-c', `read _; kill -9 ${pid} 2>/dev/null`], {
    // Its own process group: a Ctrl-C meant for the platform must not end the guard before the platform.
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  guard.on('error', () => undefined);
  // Neither the guard nor its pipe keeps this process alive.
  guard.unref();
  (guard.stdin as Socket | null)?.unref();
  return () => {
    guard.kill('SIGKILL');
  };
};
