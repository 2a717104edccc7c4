import { PlatformError } from '../errors/PlatformError.ts';

/**
 * A call to a service the calling module does not list in its manifest's `uses`: a programming error of the
 * caller (in AWS, IAM would refuse the invoke), so it maps to 500 and nothing is read or invoked.
 */
export class UndeclaredServiceCallError extends PlatformError {
  constructor(
    readonly caller: string,
    readonly target: { readonly module: string; readonly service: string },
  ) {
    super({
      status: 500,
      type: 'undeclared-service-call',
      title: 'Undeclared service call',
      detail:
        `Module "${caller}" calls ${target.module}/${target.service} without declaring it: ` +
        `add { module: '${target.module}', service: '${target.service}' } to uses in functions/${caller}/module.ts.`,
    });
  }
}
