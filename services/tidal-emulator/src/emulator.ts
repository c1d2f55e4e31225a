import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ADMIN_PREFIX, adminRoutes } from './admin-routes.js';
import { ApiError } from './api-error.js';
import { errorHandler, JSON_API } from './api-route.js';
import { artworkImageRoutes, IMAGES_PREFIX } from './artwork-images.js';
import { authRoutes } from './auth-routes.js';
import { AUTHORIZE_PATH, authorizeRoutes } from './authorize-routes.js';
import { Catalog } from './catalog.js';
import type { EmulatorContext, EmulatorLogger } from './context.js';
import { DocumentBuilder } from './documents.js';
import { FaultInjector, type FaultInput, FaultSchema } from './faults.js';
import { IdempotencyStore } from './idempotency.js';
import { type EmulatorKnobsInput, EmulatorKnobsSchema } from './options.js';
import { playlistRoutes } from './playlist-routes.js';
import { type PlaylistState, PlaylistStore } from './playlist-store.js';
import { createPrng, randomHex } from './prng.js';
import { RateLimiter } from './rate-limiter.js';
import { type ApiExchange, RequestLog, type RequestLogEntry } from './request-log.js';
import { searchRoutes } from './search-routes.js';
import { type Seed, type SeedInput, SeedSchema } from './seed-schema.js';
import { TokenIssuer } from './token-issuer.js';
import { trackRoutes } from './track-routes.js';
import { userRoutes } from './user-routes.js';

export type EmulatorOptions = EmulatorKnobsInput & {
  /** The catalog to serve: a parsed seed or a seed file's content (validated here). */
  seed: Seed | SeedInput;
  logger?: EmulatorLogger;
  /** The clock (ms since the epoch); tests may pass their own. */
  now?: () => number;
  /** Sees every TIDAL API request with its whole answer, once sent (contract checks use it). */
  onExchange?: (exchange: ApiExchange) => void;
};

export interface EmulatorHandle {
  /** The API base URL, what `TIDAL_API_URL` should be set to (`http://127.0.0.1:<port>/v2`). */
  url: string;
  /** The token endpoint URL, what `TIDAL_AUTH_URL` should be set to (`…/v1/oauth2/token`). */
  authUrl: string;
  /** The login page (`login.tidal.com/authorize` at TIDAL), what `TIDAL_LOGIN_URL` should be set to. */
  loginUrl: string;
  /** The server's origin (`http://127.0.0.1:<port>`); the admin endpoints live under `/__emulator`. */
  origin: string;
  port: number;
  /** Every playlist as it is now (seeded ones first), with ordered items. */
  state(): { playlists: PlaylistState[] };
  /** The requests served so far (TIDAL API and token endpoint; not the admin endpoints). */
  requests(): RequestLogEntry[];
  /**
   * The requests received and not yet answered (held by latency or a fault's delay), by method and endpoint
   * template: fault tests wait for one before they kill the process that sent it.
   */
  inFlight(): Array<{ method: string; path: string }>;
  clearRequests(): void;
  /** Scripts the next matching requests to fail or stall; see FaultSchema. */
  injectFault(fault: FaultInput): void;
  clearFaults(): void;
  /** Invalidates every issued access token: the next API call with one gets a 401. */
  expireTokens(): void;
  /** Back to the seeded playlists, no faults, an empty request log, fresh rate-limit buckets. */
  reset(): void;
  close(): Promise<void>;
}

const API_PREFIX = '/v2';
/** TIDAL's playlist item ids are opaque strings; the emulator's are hex drawn from the id PRNG. */
const ITEM_ID_LENGTH = 24;
const AUTH_PREFIX = '/v1';
/** The status logged for a request whose client left before the answer (nginx's convention). */
const CLIENT_CLOSED_REQUEST = 499;

/** Starts the emulator on `host:port` (port 0: any free port) and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions): Promise<EmulatorHandle> {
  const knobs = EmulatorKnobsSchema.parse(options);
  const seed = SeedSchema.parse(options.seed);
  const now = options.now ?? Date.now;
  const catalog = new Catalog(seed);
  const timers = new Set<NodeJS.Timeout>();
  const idPrngSeed = knobs.prngSeed ^ 0x1d5;

  const ids = createPrng(idPrngSeed);
  let origin = '';
  const ctx: EmulatorContext = {
    catalog,
    documents: new DocumentBuilder(catalog, {
      sendAvailability: knobs.sendAvailability,
      imageOrigin: () => origin,
    }),
    playlists: new PlaylistStore(seed, () => randomHex(ids, ITEM_ID_LENGTH), now),
    tokens: new TokenIssuer(catalog, createPrng(knobs.prngSeed ^ 0x7e4), now, knobs.tokenLifetimeSeconds),
    rateLimiter: knobs.rateLimit ? new RateLimiter(knobs.rateLimit, now) : null,
    faults: new FaultInjector(),
    idempotency: new IdempotencyStore(now),
    log: new RequestLog(),
    ids,
    faultPrng: createPrng(knobs.prngSeed),
    errorRate: knobs.errorRate,
    latencyMs: knobs.latencyMs,
    pageSize: knobs.pageSize,
    maxFilterValues: knobs.maxFilterValues,
    now,
    sleep: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      }),
    logger: options.logger ?? null,
  };

  const reset = (): void => {
    const freshIds = createPrng(idPrngSeed);
    ctx.ids = freshIds;
    ctx.playlists = new PlaylistStore(seed, () => randomHex(freshIds, ITEM_ID_LENGTH), now);
    ctx.faultPrng = createPrng(knobs.prngSeed);
    ctx.faults.clear();
    ctx.log.clear();
    ctx.idempotency.clear();
    ctx.rateLimiter?.reset();
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(ADMIN_PREFIX, adminRoutes(ctx, reset));
  const inFlight = new Set<Response>();
  app.use((_req: Request, res: Response, next: NextFunction) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    next();
  });
  app.use(recordRequests(ctx, options.onExchange));
  app.use(async (_req: Request, _res: Response, next: NextFunction) => {
    if (ctx.latencyMs > 0) await ctx.sleep(ctx.latencyMs);
    next();
  });
  app.use(AUTH_PREFIX, authRoutes(ctx));
  app.use(authorizeRoutes(ctx));
  app.use(IMAGES_PREFIX, artworkImageRoutes(catalog));
  const api = express.Router();
  api.use(express.json({ type: JSON_API }));
  api.use(playlistRoutes(ctx), trackRoutes(ctx), searchRoutes(ctx), userRoutes(ctx));
  app.use(API_PREFIX, api);
  app.use((req: Request) => {
    throw ApiError.notFound(`No such endpoint: ${req.method} ${req.path}`);
  });
  app.use(errorHandler(ctx));

  const server = await listen(app, knobs.host, knobs.port);
  const { port } = server.address() as AddressInfo;
  const host = knobs.host === '0.0.0.0' || knobs.host === '::' ? '127.0.0.1' : knobs.host;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  options.logger?.info(
    { origin, tracks: seed.tracks.length, playlists: seed.playlists.length },
    'tidal emulator listening',
  );

  return {
    url: `${origin}${API_PREFIX}`,
    authUrl: `${origin}${AUTH_PREFIX}/oauth2/token`,
    loginUrl: `${origin}${AUTHORIZE_PATH}`,
    origin,
    port,
    state: () => ({ playlists: ctx.playlists.snapshot() }),
    requests: () => ctx.log.list(),
    inFlight: () =>
      [...inFlight].map((res) => ({
        method: res.req.method,
        path: typeof res.locals.template === 'string' ? res.locals.template : '(unmatched)',
      })),
    clearRequests: () => ctx.log.clear(),
    injectFault: (fault) => ctx.faults.add(FaultSchema.parse(fault)),
    clearFaults: () => ctx.faults.clear(),
    expireTokens: () => ctx.tokens.expireAll(),
    reset,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function listen(app: express.Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * Logs each TIDAL request (method, endpoint template, status, time) once its answer is sent, or once its
 * client went away without it (a timeout, a crash), as status 499: every request that reached TIDAL counts.
 */
function recordRequests(ctx: EmulatorContext, onExchange: EmulatorOptions['onExchange']) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const startedAt = ctx.now();
    const started = performance.now();
    res.once('close', () => {
      if (
        onExchange &&
        typeof res.locals.documentText === 'string' &&
        typeof res.locals.template === 'string'
      ) {
        onExchange(exchangeOf(req, res));
      }
      ctx.log.add({
        method: req.method,
        path: typeof res.locals.template === 'string' ? res.locals.template : '(unmatched)',
        status: res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST,
        time: new Date(startedAt).toISOString(),
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        clientId: typeof res.locals.clientId === 'string' ? res.locals.clientId : null,
      });
    });
    next();
  };
}

function exchangeOf(req: Request, res: Response): ApiExchange {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name !== 'authorization' && typeof value === 'string') headers[name] = value;
  }
  const query = [...new URL(req.originalUrl, 'http://emulator.invalid').searchParams] as Array<
    [string, string]
  >;
  return {
    method: req.method,
    template: res.locals.template as string,
    query,
    headers,
    body: req.body,
    status: res.statusCode,
    contentType: res.getHeader('content-type')?.toString() ?? null,
    document: JSON.parse(res.locals.documentText as string),
  };
}
