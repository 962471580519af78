export * from './store/types.js';
