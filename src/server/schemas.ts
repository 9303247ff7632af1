// JSON schemas of the API routes (Fastify validates them; violations become 400 BadRequest).
// Objects stay open (no additionalProperties: false): Rasa clients send extra keys.

const str = { type: 'string' } as const;
const token = str; // ?token= is read by the auth hook; declared so it is documented

export const conversationParams = {
  type: 'object',
  required: ['conversation_id'],
  properties: { conversation_id: { type: 'string', minLength: 1 } },
} as const;

export const trackerQuery = {
  type: 'object',
  properties: { include_events: str, until: { type: 'number' }, token },
} as const;

export const eventsQuery = {
  type: 'object',
  properties: { include_events: str, output_channel: str, execute_side_effects: str, token },
} as const;

export const verbosityQuery = {
  type: 'object',
  properties: { include_events: str, output_channel: str, token },
} as const;

export const storyQuery = {
  type: 'object',
  properties: { until: { type: 'number' }, all_sessions: str, token },
} as const;

export const tokenQuery = { type: 'object', properties: { token } } as const;

export const eventsBody = { type: ['object', 'array'], items: { type: 'object' } } as const;

export const messageBody = {
  type: 'object',
  required: ['text'],
  properties: { text: str, sender: { type: ['string', 'null'] }, parse_data: { type: 'object' } },
} as const;

export const triggerIntentBody = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 }, entities: { type: ['object', 'array', 'null'] } },
} as const;

export const executeBody = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    policy: { type: ['string', 'null'] },
    confidence: { type: ['number', 'null'] },
  },
} as const;

export const parseBody = {
  type: 'object',
  required: ['text'],
  properties: { text: str, message_id: { type: ['string', 'null'] } },
} as const;

export const parseQuery = { type: 'object', properties: { emulation_mode: str, token } } as const;

export interface ConversationParams { conversation_id: string }

// ---- responses (documentation and serialization). Rasa's objects are open: additionalProperties
// true keeps every key the engine returns; only the keys clients rely on are named.

const openObject = { type: 'object', additionalProperties: true } as const;
const text = (description: string, type = 'text/plain') => ({ description, content: { [type]: { schema: { type: 'string' } } } });

export const statusOkResponse = {
  200: { type: 'object', additionalProperties: true, properties: { status: str } },
} as const;

export const trackerResponse = {
  200: { ...openObject, description: 'Tracker JSON (rasa-compat §1.4)', properties: { sender_id: str, latest_input_channel: { type: ['string', 'null'] } } },
} as const;

export const trackerResultResponse = {
  200: { ...openObject, properties: { tracker: openObject, messages: { type: 'array', items: openObject } } },
} as const;

export const predictResponse = {
  200: {
    ...openObject,
    properties: {
      scores: { type: 'array', items: { type: 'object', properties: { action: str, score: { type: 'number' } } } },
      policy: { type: ['string', 'null'] }, confidence: { type: ['number', 'null'] }, tracker: openObject,
    },
  },
} as const;

export const storyResponse = { 200: text('The conversation as a YAML test story') } as const;

export const parseResponse = {
  200: { ...openObject, description: 'Parse data: text, intent, entities, intent_ranking', properties: { text: str } },
} as const;

export const statusResponse = {
  200: { ...openObject, properties: { model_file: str, model_id: str, num_active_training_jobs: { type: 'integer' } } },
} as const;

export const domainResponse = {
  200: {
    description: 'The domain as JSON, or YAML when Accept asks for it',
    content: { 'application/json': { schema: openObject }, 'application/x-yml': { schema: { type: 'string' } } },
  },
} as const;

/** Rasa's CollectingOutputChannel answer; with ?stream=true one JSON message per line instead. */
export const botMessagesResponse = {
  200: {
    description: 'The bot messages (rasa-compat §2.1)',
    content: {
      'application/json': { schema: { type: 'array', items: { ...openObject, properties: { recipient_id: str } } } },
      'text/event-stream': { schema: { type: 'string', description: 'one JSON message per line (?stream=true)' } },
    },
  },
} as const;

export const callbackResponse = { 200: text('"success"; the messages are POSTed to the callback URL') } as const;

export const plainTextResponse = (description: string) => ({ 200: text(description) });
