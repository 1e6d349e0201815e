/** Structured logging (pino-shaped). Adapters redact secrets; callers never pass tokens in the first place. */
export const Logger = Symbol('qbo-sync.Logger');
export interface Logger {
  debug(context: object, message: string): void;
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}
