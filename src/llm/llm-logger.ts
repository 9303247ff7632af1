// The slice of a pino logger the LLM helpers use (pino's Logger satisfies it).
export interface LlmLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export const silentLlmLogger: LlmLogger = { info: () => {}, warn: () => {} };
