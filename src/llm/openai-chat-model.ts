// ChatModel over any OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen, vLLM, Ollama, llama.cpp)
// through the official client. No retries: a slow or failing LLM must cost one call, not three.
import OpenAI from 'openai';
import type { ChatModel, ChatRequest, ChatResult } from './chat-model.js';

export interface OpenAiChatModelOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  headers?: Readonly<Record<string, string>>;
  /** whether the server understands response_format {type: json_object} */
  jsonMode?: boolean;
  /** the client's own socket timeout; the guard's AbortSignal is what normally ends a call */
  clientTimeoutMs?: number;
}

export class OpenAiChatModel implements ChatModel {
  private readonly client: OpenAI;

  constructor(private readonly opts: OpenAiChatModelOptions) {
    this.client = new OpenAI({
      baseURL: opts.baseUrl,
      apiKey: opts.apiKey,
      maxRetries: 0,
      timeout: opts.clientTimeoutMs ?? 30_000,
      ...(opts.headers ? { defaultHeaders: { ...opts.headers } } : {}),
    });
  }

  async complete(req: ChatRequest, signal: AbortSignal): Promise<ChatResult> {
    const completion = await this.client.chat.completions.create({
      model: this.opts.model,
      messages: req.messages,
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...(req.maxTokens !== undefined ? { max_tokens: req.maxTokens } : {}),
      ...(req.json && this.opts.jsonMode !== false ? { response_format: { type: 'json_object' as const } } : {}),
    }, { signal });
    const text = completion.choices[0]?.message.content ?? '';
    return {
      text,
      usage: { prompt_tokens: completion.usage?.prompt_tokens ?? 0, completion_tokens: completion.usage?.completion_tokens ?? 0 },
    };
  }
}
