// JSON schemas of the state API and identity routes (request validation and OpenAPI).

const nullableString = { type: ['string', 'null'] } as const;
const anyValue = {} as const;

const entity = {
  type: 'object',
  required: ['entity', 'value'],
  properties: { entity: { type: 'string' }, value: anyValue, start: { type: 'integer' }, end: { type: 'integer' }, extractor: { type: 'string' } },
} as const;

const message = {
  type: 'object',
  required: ['role', 'text', 'timestamp'],
  properties: {
    role: { type: 'string', enum: ['user', 'bot'] },
    text: nullableString,
    timestamp: { type: 'number' },
    intent: nullableString,
    confidence: { type: ['number', 'null'] },
    decided_by: nullableString,
    buttons: { type: 'array', items: { type: 'object', additionalProperties: true } },
    image: { type: 'string' },
    attachment: anyValue,
    custom: anyValue,
  },
} as const;

export const conversationStateSchema = {
  type: 'object',
  required: ['conversation_id', 'seq', 'slots', 'active_form', 'requested_slot', 'latest_intent', 'entities', 'messages', 'masked'],
  properties: {
    conversation_id: { type: 'string' },
    seq: { type: 'integer' },
    slots: { type: 'object', additionalProperties: true },
    active_form: nullableString,
    requested_slot: nullableString,
    latest_intent: {
      type: ['object', 'null'],
      properties: { name: { type: 'string' }, confidence: { type: ['number', 'null'] }, decided_by: nullableString },
    },
    entities: { type: 'array', items: entity },
    messages: { type: 'array', items: message },
    masked: { type: 'boolean', description: 'true when sensitive values are masked (the caller is not authorised)' },
  },
} as const;

export const stateQuery = {
  type: 'object',
  properties: { recent: { type: 'integer', minimum: 0, maximum: 500 }, token: { type: 'string' } },
} as const;

export const identityParams = {
  type: 'object',
  required: ['channel_user_id'],
  properties: { channel_user_id: { type: 'string', minLength: 1 } },
} as const;

export const identityBody = {
  type: 'object',
  required: ['channel_user_id', 'conversation_id'],
  properties: { channel_user_id: { type: 'string', minLength: 1 }, conversation_id: { type: 'string', minLength: 1 } },
} as const;

export const identityResponse = {
  type: 'object',
  required: ['channel_user_id', 'conversation_id'],
  properties: { channel_user_id: { type: 'string' }, conversation_id: { type: 'string' } },
} as const;

export interface IdentityBody { channel_user_id: string; conversation_id: string }
