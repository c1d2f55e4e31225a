export {
  createWatch,
  deleteWatch,
  getWatch,
  listWatches,
  pageWatches,
  type WatchDeps,
} from './watch-scheduler.js';
export {
  DEFAULT_WATCH_LIMIT,
  InvalidWatchCursorError,
  type StoredWatch,
  WatchLimitError,
  type WatchPage,
  WatchStore,
} from './watch-store.js';
export { runWatchTick, type WatchTickDeps } from './watch-tick.js';
