export { createWatch, deleteWatch, getWatch, listWatches, type WatchDeps } from './watch-scheduler.js';
export { type StoredWatch, WatchStore } from './watch-store.js';
export { runWatchTick, type WatchTickDeps } from './watch-tick.js';
