import express, { type RequestHandler } from 'express';

/** A page's form post (application/x-www-form-urlencoded), with room for a choice per item of a review. */
export const formBody: RequestHandler = express.urlencoded({
  extended: false,
  limit: '512kb',
  parameterLimit: 20_000,
  type: 'application/x-www-form-urlencoded',
});
