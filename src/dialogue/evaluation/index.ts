export * from './story-evaluation.js';
export * from './replay-story.js';
export * from './evaluate-stories.js';
