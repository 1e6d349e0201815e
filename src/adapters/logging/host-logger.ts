/**
 * A logger the host passes: pino itself, or anything shaped like it (an object with level methods taking
 * `(context, message)` and `child(bindings)`). The plugin writes through a child of it, redacted.
 */
export interface HostLogger {
  debug(context: object, message: string): void;
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
  child(bindings: Record<string, unknown>, options?: object): HostLogger;
  /** When present, debug and info lines are built only when their level is on. */
  isLevelEnabled?(level: string): boolean;
}

const levelMethods = ['debug', 'info', 'warn', 'error', 'child'] as const;

export const isHostLogger = (value: unknown): value is HostLogger =>
  typeof value === 'object' && value !== null && levelMethods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');
