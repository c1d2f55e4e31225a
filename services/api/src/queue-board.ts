import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { type RequestHandler, Router } from 'express';
import { HttpError } from './http-error.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** Where `pnpm build` copies @bull-board/ui's files, beside the api's bundle. */
export const BUNDLED_UI_DIR = 'queue-board-ui';

/**
 * The root of bull-board's UI (its page template and static files, under `dist/`), which it reads from
 * disk. A bundle carries a copy beside itself, since a container holds the bundle and no node_modules;
 * in the workspace it is the installed @bull-board/ui.
 */
export function queueBoardUiPath(): string {
  const bundled = fileURLToPath(new URL(`./${BUNDLED_UI_DIR}/`, import.meta.url));
  if (existsSync(path.join(bundled, 'dist', 'index.ejs'))) return bundled;
  return path.dirname(createRequire(import.meta.url).resolve('@bull-board/ui/package.json'));
}

/** No page may frame the board (a framed board could be clicked through by another site). */
const noFraming: RequestHandler = (_request, response, next) => {
  response.set({ 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "frame-ancestors 'none'" });
  next();
};

/**
 * The bull-board UI and its JSON API over the pipeline's queues, to mount at QUEUE_BOARD_PATH; never framed.
 * Read-only unless `writable` (QUEUE_BOARD_WRITABLE): bull-board's read-only mode hides its buttons, and
 * every request but a read is refused here before bull-board sees it.
 */
export function queueBoard(queues: Queue[], options: { writable: boolean } = { writable: false }): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: !options.writable })),
    serverAdapter,
    options: { uiBasePath: queueBoardUiPath(), uiConfig: { boardTitle: 'tidal-remedy' } },
  });
  const router = Router();
  router.use(noFraming);
  if (!options.writable) {
    router.use((request, _response, next) => {
      const read = request.method === 'GET' || request.method === 'HEAD';
      next(
        read
          ? undefined
          : new HttpError(
              403,
              'forbidden',
              'The queue board is read-only. An operator can make it writable with QUEUE_BOARD_WRITABLE=true; to retry a remedy, use POST /v1/remedies/:id/retry.',
            ),
      );
    });
  }
  router.use(serverAdapter.getRouter());
  return router;
}
