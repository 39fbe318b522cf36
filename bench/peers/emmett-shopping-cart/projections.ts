// The peer's three read models, each an inline Pongo projection: written in the transaction that
// appends the events, so a request answers only after all three documents are stored.
import { pongoMultiStreamProjection, pongoSingleStreamProjection } from '@event-driven-io/emmett-postgresql';
import type { PongoDb } from '@event-driven-io/pongo';
import { CART_EVENT_TYPES, type CartEvent, type PricedProductItem } from './shopping-cart';

// Type aliases, not interfaces: a Pongo document needs the implicit index signature.
type Totals = {
  productItemsCount: number;
  totalAmount: number;
};

const totalsOf = (item: PricedProductItem, sign: 1 | -1): Totals => ({
  productItemsCount: sign * item.quantity,
  totalAmount: sign * item.quantity * item.unitPrice,
});

const plus = (a: Totals | undefined, b: Totals): Totals => ({
  productItemsCount: (a?.productItemsCount ?? 0) + b.productItemsCount,
  totalAmount: (a?.totalAmount ?? 0) + b.totalAmount,
});

// --- the cart's details: its lines, totals and status (one document per cart)

export type CartDetails = Totals & {
  clientId: string;
  productItems: PricedProductItem[];
  status: 'Opened' | 'Confirmed' | 'Cancelled';
  openedAt: Date;
  confirmedAt?: Date;
  cancelledAt?: Date;
};

const CART_DETAILS = 'shoppingCartDetails';

function withLine(lines: PricedProductItem[], item: PricedProductItem, sign: 1 | -1): PricedProductItem[] {
  const same = (l: PricedProductItem) => l.productId === item.productId && l.unitPrice === item.unitPrice;
  if (!lines.some(same)) return sign === 1 ? [...lines, item] : lines;
  return lines.map((l) => (same(l) ? { ...l, quantity: l.quantity + sign * item.quantity } : l));
}

function evolveDetails(document: CartDetails | null, { type, data }: CartEvent): CartDetails | null {
  switch (type) {
    case 'ProductItemAddedToShoppingCart': {
      const current = document ?? {
        clientId: data.clientId,
        productItems: [],
        productItemsCount: 0,
        totalAmount: 0,
        status: 'Opened' as const,
        openedAt: data.addedAt,
      };
      return {
        ...current,
        ...plus(current, totalsOf(data.productItem, 1)),
        productItems: withLine(current.productItems, data.productItem, 1),
      };
    }
    case 'ProductItemRemovedFromShoppingCart':
      if (!document) return null;
      return {
        ...document,
        ...plus(document, totalsOf(data.productItem, -1)),
        productItems: withLine(document.productItems, data.productItem, -1),
      };
    case 'ShoppingCartConfirmed':
      return document && { ...document, status: 'Confirmed', confirmedAt: data.confirmedAt };
    case 'ShoppingCartCancelled':
      return document && { ...document, status: 'Cancelled', cancelledAt: data.cancelledAt };
  }
}

export const cartDetailsProjection = pongoSingleStreamProjection({
  collectionName: CART_DETAILS,
  canHandle: CART_EVENT_TYPES,
  evolve: evolveDetails,
});

export const cartDetails = (db: PongoDb, shoppingCartId: string) =>
  db.collection<CartDetails>(CART_DETAILS).findOne({ _id: shoppingCartId });

// --- the cart's short info: its totals while it is open; deleted when it closes

const CART_SHORT_INFO = 'shoppingCartShortInfo';

function evolveShortInfo(document: Totals, { type, data }: CartEvent): Totals | null {
  switch (type) {
    case 'ProductItemAddedToShoppingCart':
      return plus(document, totalsOf(data.productItem, 1));
    case 'ProductItemRemovedFromShoppingCart':
      return plus(document, totalsOf(data.productItem, -1));
    case 'ShoppingCartConfirmed':
    case 'ShoppingCartCancelled':
      return null;
  }
}

export const cartShortInfoProjection = pongoSingleStreamProjection({
  collectionName: CART_SHORT_INFO,
  canHandle: CART_EVENT_TYPES,
  evolve: evolveShortInfo,
  initialState: (): Totals => ({ productItemsCount: 0, totalAmount: 0 }),
});

// --- the client's summary across carts: the pending cart, and what was confirmed or cancelled

export type ClientSummary = {
  clientId: string;
  pending?: Totals & { cartId: string };
  confirmed: Totals & { cartsCount: number };
  cancelled: Totals & { cartsCount: number };
};

const CLIENT_SUMMARY = 'ClientShoppingSummary';
const NONE = { cartsCount: 0, productItemsCount: 0, totalAmount: 0 };

function evolveClientSummary(document: ClientSummary | null, event: CartEvent): ClientSummary {
  const summary = document ?? { clientId: event.metadata.clientId, confirmed: NONE, cancelled: NONE };
  switch (event.type) {
    case 'ProductItemAddedToShoppingCart':
    case 'ProductItemRemovedFromShoppingCart': {
      const sign = event.type === 'ProductItemAddedToShoppingCart' ? 1 : -1;
      return {
        ...summary,
        pending: {
          cartId: event.data.shoppingCartId,
          ...plus(summary.pending, totalsOf(event.data.productItem, sign)),
        },
      };
    }
    case 'ShoppingCartConfirmed':
    case 'ShoppingCartCancelled': {
      const into = event.type === 'ShoppingCartConfirmed' ? 'confirmed' : 'cancelled';
      const { pending: _closed, ...rest } = summary;
      return {
        ...rest,
        [into]: {
          cartsCount: summary[into].cartsCount + 1,
          ...plus(summary[into], summary.pending ?? NONE),
        },
      };
    }
  }
}

export const clientSummaryProjection = pongoMultiStreamProjection({
  collectionName: CLIENT_SUMMARY,
  canHandle: CART_EVENT_TYPES,
  getDocumentId: (event) => (event as CartEvent).metadata.clientId,
  evolve: evolveClientSummary,
});

export const clientSummary = (db: PongoDb, clientId: string) =>
  db.collection<ClientSummary>(CLIENT_SUMMARY).findOne({ _id: clientId });

export const cartProjections = [cartShortInfoProjection, cartDetailsProjection, clientSummaryProjection];
