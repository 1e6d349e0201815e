import pino, { type Logger as Pino } from 'pino';
import type { Logger } from '../../application/ports/logger.port';
import { censor, redactedPaths, redactText, redactValue } from './redaction';

/**
 * The Logger port over pino, with secrets redacted. Accepts the host's pino logger or makes its own. Every context
 * is censored by key name at any depth and every text is scrubbed of e-mail addresses and credentials; pino's own
 * path redaction stays as a second net.
 */
export class PinoLogger implements Logger {
  private readonly pino: Pino;

  constructor(host?: Pino) {
    const options = { redact: { paths: [...redactedPaths], censor } };
    this.pino = host ? host.child({ plugin: 'qbo-sync' }, options) : pino({ name: 'qbo-sync', level: process.env.QBO_SYNC_LOG_LEVEL ?? 'info', ...options });
  }

  debug(context: object, message: string): void {
    if (this.pino.isLevelEnabled('debug')) this.pino.debug(redactValue(context) as object, redactText(message));
  }

  info(context: object, message: string): void {
    if (this.pino.isLevelEnabled('info')) this.pino.info(redactValue(context) as object, redactText(message));
  }

  warn(context: object, message: string): void {
    this.pino.warn(redactValue(context) as object, redactText(message));
  }

  error(context: object, message: string): void {
    this.pino.error(redactValue(context) as object, redactText(message));
  }
}
