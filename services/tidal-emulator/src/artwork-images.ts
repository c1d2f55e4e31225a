import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { Request, Response, Router } from 'express';
import express from 'express';
import type { Catalog } from './catalog.js';

/**
 * The emulator's stand-in for TIDAL's image host (resources.tidal.com): each album's cover artwork as
 * square PNGs of one colour drawn from the album id, at the sizes TIDAL's album artworks come in. Served
 * without a token, as TIDAL's image files are.
 */
export const ARTWORK_SIZES = [80, 160, 320, 640, 1280] as const;
export const IMAGES_PREFIX = '/images';

/** The path of an album cover's file at `size` px (below IMAGES_PREFIX's origin). */
export function artworkPath(albumId: string, size: number): string {
  return `${IMAGES_PREFIX}/artworks/${encodeURIComponent(albumId)}/${size}x${size}.png`;
}

export function artworkImageRoutes(catalog: Catalog): Router {
  const router = express.Router();
  router.get('/artworks/:albumId/:file', (req: Request, res: Response) => {
    const albumId = String(req.params.albumId);
    const match = /^(\d+)x\1\.png$/.exec(String(req.params.file));
    const size = match ? Number(match[1]) : Number.NaN;
    if (!catalog.album(albumId) || !ARTWORK_SIZES.includes(size as (typeof ARTWORK_SIZES)[number])) {
      res.status(404).type('text/plain').send('No such image');
      return;
    }
    res
      .status(200)
      .type('image/png')
      .set('Cache-Control', 'public, max-age=86400')
      .send(solidPng(size, colourOf(albumId)));
  });
  return router;
}

function colourOf(albumId: string): [number, number, number] {
  const digest = createHash('sha256').update(albumId).digest();
  // Mid-range channels: never near-white or near-black, so a cover stands out from the page.
  return [64 + (digest[0]! % 160), 64 + (digest[1]! % 160), 64 + (digest[2]! % 160)];
}

/** A `size`×`size` PNG of one colour (8-bit RGB, no filter). */
export function solidPng(size: number, [r, g, b]: [number, number, number]): Buffer {
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}
