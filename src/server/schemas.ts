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
