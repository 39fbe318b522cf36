// The shopping cart of the peer: its events, its state and its decider, on Emmett's types.
import { IllegalStateError, type Command, type Event } from '@event-driven-io/emmett';

export interface PricedProductItem {
  productId: string;
  quantity: number;
  unitPrice: number;
}

/** Every event carries the client, so a projection across one client's carts can find its document. */
type CartEventMetadata = { clientId: string };

export type ProductItemAdded = Event<
  'ProductItemAddedToShoppingCart',
  { shoppingCartId: string; clientId: string; productItem: PricedProductItem; addedAt: Date },
  CartEventMetadata
>;
export type ProductItemRemoved = Event<
  'ProductItemRemovedFromShoppingCart',
  { shoppingCartId: string; productItem: PricedProductItem; removedAt: Date },
  CartEventMetadata
>;
export type CartConfirmed = Event<
  'ShoppingCartConfirmed',
  { shoppingCartId: string; confirmedAt: Date },
  CartEventMetadata
>;
export type CartCancelled = Event<
  'ShoppingCartCancelled',
  { shoppingCartId: string; cancelledAt: Date },
  CartEventMetadata
>;
export type CartEvent = ProductItemAdded | ProductItemRemoved | CartConfirmed | CartCancelled;
export const CART_EVENT_TYPES: CartEvent['type'][] = [
  'ProductItemAddedToShoppingCart',
  'ProductItemRemovedFromShoppingCart',
  'ShoppingCartConfirmed',
  'ShoppingCartCancelled',
];

type CommandMetadata = { clientId: string; now: Date };

export type AddProductItem = Command<
  'AddProductItemToShoppingCart',
  { shoppingCartId: string; clientId: string; productItem: PricedProductItem },
  CommandMetadata
>;
export type RemoveProductItem = Command<
  'RemoveProductItemFromShoppingCart',
  { shoppingCartId: string; productItem: PricedProductItem },
  CommandMetadata
>;
export type ConfirmCart = Command<'ConfirmShoppingCart', { shoppingCartId: string }, CommandMetadata>;
export type CancelCart = Command<'CancelShoppingCart', { shoppingCartId: string }, CommandMetadata>;
export type CartCommand = AddProductItem | RemoveProductItem | ConfirmCart | CancelCart;

/** Quantities by product id while the cart is open. */
export type Cart =
  { status: 'Empty' } | { status: 'Opened'; quantities: ReadonlyMap<string, number> } | { status: 'Closed' };

export const initialState = (): Cart => ({ status: 'Empty' });

export function evolve(state: Cart, event: CartEvent): Cart {
  switch (event.type) {
    case 'ProductItemAddedToShoppingCart':
    case 'ProductItemRemovedFromShoppingCart': {
      if (state.status === 'Closed') return state;
      const { productId, quantity } = event.data.productItem;
      const sign = event.type === 'ProductItemAddedToShoppingCart' ? 1 : -1;
      const quantities = new Map(state.status === 'Opened' ? state.quantities : []);
      quantities.set(productId, (quantities.get(productId) ?? 0) + sign * quantity);
      return { status: 'Opened', quantities };
    }
    case 'ShoppingCartConfirmed':
    case 'ShoppingCartCancelled':
      return { status: 'Closed' };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export function decide(command: CartCommand, state: Cart): CartEvent[] {
  const { clientId, now } = command.metadata;
  const { shoppingCartId } = command.data;
  switch (command.type) {
    case 'AddProductItemToShoppingCart':
      if (state.status === 'Closed') throw new IllegalStateError('Shopping Cart already closed');
      return [
        {
          type: 'ProductItemAddedToShoppingCart',
          data: { shoppingCartId, clientId, productItem: command.data.productItem, addedAt: now },
          metadata: { clientId },
        },
      ];
    case 'RemoveProductItemFromShoppingCart': {
      if (state.status !== 'Opened') throw new IllegalStateError('Shopping Cart is not opened');
      const { productItem } = command.data;
      if ((state.quantities.get(productItem.productId) ?? 0) < productItem.quantity)
        throw new IllegalStateError('Not enough products');
      return [
        {
          type: 'ProductItemRemovedFromShoppingCart',
          data: { shoppingCartId, productItem, removedAt: now },
          metadata: { clientId },
        },
      ];
    }
    case 'ConfirmShoppingCart': {
      if (state.status !== 'Opened') throw new IllegalStateError('Shopping Cart is not opened');
      let total = 0;
      for (const quantity of state.quantities.values()) total += quantity;
      if (total <= 0) throw new IllegalStateError('Shopping Cart is empty');
      return [
        { type: 'ShoppingCartConfirmed', data: { shoppingCartId, confirmedAt: now }, metadata: { clientId } },
      ];
    }
    case 'CancelShoppingCart':
      if (state.status !== 'Opened') throw new IllegalStateError('Shopping Cart is not opened');
      return [
        { type: 'ShoppingCartCancelled', data: { shoppingCartId, cancelledAt: now }, metadata: { clientId } },
      ];
    default: {
      const _exhaustive: never = command;
      throw new Error('unknown command');
    }
  }
}
