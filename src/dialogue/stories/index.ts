export * from './linear-story.js';
export * from './expand-stories.js';
export * from './entity-slots.js';
export * from './story-events.js';
export * from './training-trackers.js';
export * from './story-yaml.js';
export * from './conversation-to-test-story.js';
