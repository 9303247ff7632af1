// The one seam between Parley and a language model: a chat completion, cancellable by a signal.

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** ask for a JSON object (the server's JSON mode, when the config says it has one) */
  json?: boolean;
  /** a tighter per-call timeout than the configured one (e.g. what is left of a turn's budget) */
  timeoutMs?: number;
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface ChatResult {
  text: string;
  usage: ChatUsage;
}

export interface ChatModel {
  complete(req: ChatRequest, signal: AbortSignal): Promise<ChatResult>;
}
