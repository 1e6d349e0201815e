import type { Logger } from '../../src/application/ports/logger.port';

export interface LoggedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly context: object;
  readonly message: string;
}

/** Keeps every line, so tests can check what was logged (and that no secret was). */
export class RecordingLogger implements Logger {
  readonly lines: LoggedLine[] = [];

  debug(context: object, message: string): void {
    this.lines.push({ level: 'debug', context, message });
  }

  info(context: object, message: string): void {
    this.lines.push({ level: 'info', context, message });
  }

  warn(context: object, message: string): void {
    this.lines.push({ level: 'warn', context, message });
  }

  error(context: object, message: string): void {
    this.lines.push({ level: 'error', context, message });
  }
}
