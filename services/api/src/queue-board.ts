import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { Router } from 'express';

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

/** The bull-board UI and its JSON API over the pipeline's queues, to mount at QUEUE_BOARD_PATH. */
export function queueBoard(queues: Queue[]): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiBasePath: queueBoardUiPath(), uiConfig: { boardTitle: 'tidal-remedy' } },
  });
  return serverAdapter.getRouter();
}
