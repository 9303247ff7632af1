export * from './events.js';
export * from './event-json.js';
export * from './message.js';
export * from './domain.js';
export * from './training-data.js';
export * from './tracker.js';
export * from './conversation.js';
export * from './tracker-json.js';
