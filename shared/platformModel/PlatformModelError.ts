/** The manifests do not form a valid platform; each problem names the module and the fix. */
export class PlatformModelError extends Error {
  override readonly name = 'PlatformModelError';

  constructor(readonly problems: readonly string[]) {
    super(`The platform model is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
