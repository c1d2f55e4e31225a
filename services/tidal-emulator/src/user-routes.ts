import { Router } from 'express';
import { ApiError } from './api-error.js';
import { apiRoute, selfLink, sendDocument } from './api-route.js';
import type { EmulatorContext } from './context.js';
import { pathParam } from './query.js';

/**
 * `GET /users/{id}` (`me` for the token's user): `username`, `country` and `developerAccessTier`, the
 * spec's required Users attributes. The spec is silent on reading another user; the emulator answers only
 * the token's own user (another id: 404), the cautious reading.
 */
export function userRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  apiRoute(router, ctx, 'get', '/users/{id}', (req, res, principal) => {
    const id = pathParam(req, 'id');
    const user = principal.userId === null ? undefined : ctx.catalog.user(principal.userId);
    if (!user || (id !== 'me' && id !== user.id)) throw ApiError.notFound(`User ${id} not found`);
    sendDocument(res, 200, {
      data: {
        id: user.id,
        type: 'users',
        attributes: {
          username: user.username,
          country: user.countryCode,
          developerAccessTier: 'THIRD_PARTY',
        },
      },
      links: { self: selfLink(req) },
    });
  });
  return router;
}
