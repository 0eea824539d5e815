export * from './actor.js';
export * from './notice.js';
