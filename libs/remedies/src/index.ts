export { RemedyStore, type RemedyUpdate } from './remedy-store.js';
