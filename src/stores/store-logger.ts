// The logging the stores need, structurally a subset of pino's Logger, so stores depend on no
// logging library and the app passes its (conversation-bound) child logger.
export interface StoreLogger {
  warn(obj: Record<string, unknown>, msg?: string): void;
  info?(obj: Record<string, unknown>, msg?: string): void;
}
