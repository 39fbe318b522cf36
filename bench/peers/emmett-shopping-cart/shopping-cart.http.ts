// The peer's web API: each command loads the cart's stream, folds it, decides and appends with
// the version it read (Emmett's CommandHandler); the inline projections run in the append.
import {
  CommandHandler,
  assertNotEmptyString,
  assertPositiveNumber,
  type EventStore,
  type EventsPublisher,
} from '@event-driven-io/emmett';
import type { PongoDb } from '@event-driven-io/pongo';
import type { NextFunction, Request, Response, Router } from 'express';
import express from './express';
import { cartDetails, clientSummary } from './projections';
import { decide, evolve, initialState, type CartCommand } from './shopping-cart';

const handle = CommandHandler({ evolve, initialState });

/** One open cart per client: a client's first item starts a new stream. */
export const cartIdOf = (clientId: string) => `shopping_cart:${assertNotEmptyString(clientId)}:current`;

export interface CartApiDependencies {
  eventStore: EventStore;
  readStore: PongoDb;
  publisher: EventsPublisher;
  unitPriceOf: (productId: string) => Promise<number>;
  now: () => Date;
}

type Handler = (req: Request) => Promise<{ status: number; body?: unknown }>;

// Express 4 leaves a rejected promise alone: it goes on to the error handler from here (what the
// sample gets from express-async-errors).
const on = (handler: Handler) => async (req: Request, res: Response, next: NextFunction) => {
  try {
    const { status, body } = await handler(req);
    if (body === undefined) res.sendStatus(status);
    else res.status(status).send(body);
  } catch (err) {
    next(err);
  }
};

const withoutVersion = <T extends object>(document: T) => {
  const { _version, ...rest } = document as T & { _version?: unknown };
  return rest;
};

export function cartRoutes(deps: CartApiDependencies): Router {
  const { eventStore, readStore, publisher, unitPriceOf, now } = deps;
  const router = express.Router();
  const run = (command: CartCommand) =>
    handle(eventStore, command.data.shoppingCartId, (state) => decide(command, state));
  const metadataOf = (clientId: string) => ({ clientId, now: now() });

  router.post(
    '/clients/:clientId/shopping-carts/current/product-items',
    on(async (req) => {
      const clientId = assertNotEmptyString(req.params.clientId);
      const productId = assertNotEmptyString(req.body?.productId);
      await run({
        type: 'AddProductItemToShoppingCart',
        data: {
          shoppingCartId: cartIdOf(clientId),
          clientId,
          productItem: {
            productId,
            quantity: assertPositiveNumber(req.body.quantity),
            unitPrice: await unitPriceOf(productId),
          },
        },
        metadata: metadataOf(clientId),
      });
      return { status: 204 };
    }),
  );

  router.delete(
    '/clients/:clientId/shopping-carts/current/product-items',
    on(async (req) => {
      const clientId = assertNotEmptyString(req.params.clientId);
      await run({
        type: 'RemoveProductItemFromShoppingCart',
        data: {
          shoppingCartId: cartIdOf(clientId),
          productItem: {
            productId: assertNotEmptyString(req.query.productId),
            quantity: assertPositiveNumber(Number(req.query.quantity)),
            unitPrice: assertPositiveNumber(Number(req.query.unitPrice)),
          },
        },
        metadata: metadataOf(clientId),
      });
      return { status: 204 };
    }),
  );

  router.post(
    '/clients/:clientId/shopping-carts/current/confirm',
    on(async (req) => {
      const clientId = assertNotEmptyString(req.params.clientId);
      const { newEvents } = await run({
        type: 'ConfirmShoppingCart',
        data: { shoppingCartId: cartIdOf(clientId) },
        metadata: metadataOf(clientId),
      });
      // In-process and after the commit: a subscriber may miss it on a crash.
      await publisher.publish(newEvents[0]);
      return { status: 204 };
    }),
  );

  router.delete(
    '/clients/:clientId/shopping-carts/current',
    on(async (req) => {
      const clientId = assertNotEmptyString(req.params.clientId);
      await run({
        type: 'CancelShoppingCart',
        data: { shoppingCartId: cartIdOf(clientId) },
        metadata: metadataOf(clientId),
      });
      return { status: 204 };
    }),
  );

  router.get(
    '/clients/:clientId/shopping-carts/current',
    on(async (req) => {
      const details = await cartDetails(readStore, cartIdOf(assertNotEmptyString(req.params.clientId)));
      if (details === null || details.status !== 'Opened') return { status: 404 };
      return { status: 200, body: withoutVersion(details) };
    }),
  );

  router.get(
    '/clients/:clientId/shopping-carts/summary',
    on(async (req) => {
      const summary = await clientSummary(readStore, assertNotEmptyString(req.params.clientId));
      if (summary === null) return { status: 404 };
      return { status: 200, body: withoutVersion(summary) };
    }),
  );

  return router;
}

/** Emmett's errors carry their HTTP status (errorCode); anything else is a 500. As problem+json. */
export function problemDetails(err: Error, _req: Request, res: Response, _next: NextFunction): void {
  const code = (err as { errorCode?: unknown }).errorCode;
  const status = typeof code === 'number' && code >= 100 && code < 600 ? code : 500;
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', title: err.name, status, detail: err.message }));
}
