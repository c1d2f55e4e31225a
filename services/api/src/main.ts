import type { AddressInfo } from 'node:net';
import { apiEnv } from '@tidal-remedy/config';
import { boot, runService } from '@tidal-remedy/runtime';
import express from 'express';

const { config, logger } = boot('api', apiEnv);

await runService({
  logger,
  async start() {
    const app = express();
    app.get('/healthz', (_request, response) => {
      response.json({ status: 'ok' });
    });
    const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
      const listening = app.listen(config.PORT, (error) => (error ? reject(error) : resolve(listening)));
    });
    logger.info({ port: (server.address() as AddressInfo).port }, 'listening');
    return {
      stop: () =>
        new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
    };
  },
});
