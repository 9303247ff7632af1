// The slice of pino the dialogue engine logs through (pino's (obj, msg) call shape).

export interface DialogueLogger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

const noop = (): void => undefined;

export const silentLogger: DialogueLogger = { info: noop, warn: noop, error: noop };
