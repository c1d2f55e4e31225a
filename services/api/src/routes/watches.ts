import {
  quotedInput,
  WatchIdSchema,
  type WatchList,
  WatchListQuerySchema,
  WatchRequestSchema,
} from '@tidal-remedy/contracts';
import {
  createWatch,
  deleteWatch,
  getWatch,
  InvalidWatchCursorError,
  pageWatches,
  type WatchDeps,
  WatchLimitError,
} from '@tidal-remedy/watches';
import { Router } from 'express';
import { HttpError, validationError } from '../http-error.js';
import { jsonBody } from '../json-body.js';

function watchNotFound(id: string): HttpError {
  return new HttpError(
    404,
    'not_found',
    `There is no watch ${quotedInput(id)}. Watch ids look like wat-… and come from POST /v1/watches; GET /v1/watches lists them.`,
  );
}

/**
 * `/v1/watches`: playlists remedied on a schedule. Each watch is a record and a BullMQ job scheduler on
 * `remedy-watch`; each tick starts an ordinary remedy (libs/watches). Queue operations give up after a
 * deadline (a 503), like every other.
 */
export function watchesRouter(deps: WatchDeps): Router {
  const router = Router();

  router.post('/', jsonBody, async (request, response) => {
    const parsed = WatchRequestSchema.safeParse(request.body);
    if (!parsed.success) throw validationError('watch request', parsed.error);
    const watch = await createWatch(deps, parsed.data).catch((error: unknown) => {
      throw error instanceof WatchLimitError
        ? new HttpError(409, 'watch_limit', error.message, { limit: error.limit })
        : error;
    });
    response.status(201).location(`${request.baseUrl}/${watch.id}`).json(watch);
  });

  router.get('/', async (request, response) => {
    const query = WatchListQuerySchema.safeParse(request.query);
    if (!query.success) throw validationError('query', query.error);
    const page = await pageWatches(deps, query.data.cursor ?? null, query.data.limit).catch(
      (error: unknown) => {
        throw error instanceof InvalidWatchCursorError
          ? new HttpError(400, 'invalid_request', error.message)
          : error;
      },
    );
    response.json(page satisfies WatchList);
  });

  router.get('/:id', async (request, response) => {
    const { id } = request.params;
    const watch = WatchIdSchema.safeParse(id).success ? await getWatch(deps, id) : null;
    if (watch === null) throw watchNotFound(id);
    response.json(watch);
  });

  router.delete('/:id', async (request, response) => {
    const { id } = request.params;
    const deleted = WatchIdSchema.safeParse(id).success && (await deleteWatch(deps, id));
    if (!deleted) throw watchNotFound(id);
    response.status(204).end();
  });

  return router;
}
