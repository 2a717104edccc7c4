import { Logger } from '@aws-lambda-powertools/logger';

const loggers = new Map<string, Logger>();

/**
 * The module's Powertools logger (service = module name, persistent key `module`). One instance per module
 * and container, so the correlation id the kit appends per invocation is on every line, whoever logs it.
 *
 * @example
 * ```ts
 * const logger = createLogger('content');
 * logger.info('chart classified', { fileId });
 * ```
 */
export const createLogger = (module: string): Logger => {
  let logger = loggers.get(module);
  if (!logger) {
    logger = new Logger({ serviceName: module, persistentKeys: { module } });
    loggers.set(module, logger);
  }
  return logger;
};
