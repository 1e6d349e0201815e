import type { HostLogger } from '../../src/plugin';

export interface ShapedLine {
  readonly level: string;
  readonly context: Record<string, unknown>;
  readonly message: string;
}

/** A logger shaped like pino but not pino (level methods taking (context, message), and child), keeping every line. */
export const shapedLogger = (lines: ShapedLine[], bindings: Record<string, unknown> = {}): HostLogger => {
  const at = (level: string) => (context: object, message: string) => void lines.push({ level, context: { ...bindings, ...context }, message });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (more) => shapedLogger(lines, { ...bindings, ...more }) };
};
