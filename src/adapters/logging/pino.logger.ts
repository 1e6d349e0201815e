import pino from 'pino';
import type { Logger } from '../../application/ports/logger.port';
import type { HostLogger } from './host-logger';
import { censor, redactedPaths, redactText, redactValue } from './redaction';

/**
 * The Logger port over the host's logger (pino, or any logger shaped like it) or a pino of its own, with secrets
 * redacted. Every context is censored by key name at any depth and every text is scrubbed of e-mail addresses and
 * credentials before the host's logger sees it; pino's own path redaction stays as a second net where it is pino.
 */
export class PinoLogger implements Logger {
  private readonly target: HostLogger;

  constructor(host?: HostLogger) {
    const options = { redact: { paths: [...redactedPaths], censor } };
    this.target = host ? host.child({ plugin: 'qbo-sync' }, options) : (pino({ name: 'qbo-sync', level: process.env.QBO_SYNC_LOG_LEVEL ?? 'info', ...options }) as unknown as HostLogger);
  }

  debug(context: object, message: string): void {
    if (this.enabled('debug')) this.write('debug', context, message);
  }

  info(context: object, message: string): void {
    if (this.enabled('info')) this.write('info', context, message);
  }

  warn(context: object, message: string): void {
    this.write('warn', context, message);
  }

  error(context: object, message: string): void {
    this.write('error', context, message);
  }

  private enabled(level: string): boolean {
    try {
      return typeof this.target.isLevelEnabled === 'function' ? this.target.isLevelEnabled(level) : true;
    } catch {
      return true;
    }
  }

  /** A host logger that throws loses the line; it never stops what the plugin was doing. */
  private write(level: 'debug' | 'info' | 'warn' | 'error', context: object, message: string): void {
    try {
      this.target[level](redactValue(context) as object, redactText(message));
    } catch {
      // the line is lost, the work goes on
    }
  }
}
