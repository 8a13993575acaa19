// What each service does with a request: the shop's business logic, reduced to who calls whom,
// which database queries run, and how long the work itself takes.

import type { ServiceName } from '../topology';

export interface RouteContext {
  body: Record<string, unknown>;
  query: URLSearchParams;
  /** HTTP call to another service (inside the request's trace). */
  call<T = unknown>(target: ServiceName, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** One database query through this service's connection pool. */
  db(operation: 'SELECT' | 'INSERT' | 'UPDATE', table: string): Promise<void>;
  /** Time spent in this service's own code (ms, before load effects). */
  work(ms: number): Promise<void>;
  /** Renames the server span (the db names its spans after the statement). */
  spanName(name: string): void;
  random(): number;
}

export type RouteHandler = (rc: RouteContext) => Promise<unknown>;

const itemsOf = (rc: RouteContext) => Math.max(1, Math.min(20, Number(rc.body.items ?? rc.query.get('items') ?? 1) || 1));

export const ROUTES: Record<ServiceName, Record<string, RouteHandler>> = {
  gateway: {
    'POST /api/checkout': (rc) => rc.call('checkout', 'POST', '/checkout', { items: itemsOf(rc) }),
    'GET /api/cart': (rc) => rc.call('checkout', 'GET', `/cart?items=${itemsOf(rc)}`),
  },
  checkout: {
    'POST /checkout': async (rc) => {
      const items = itemsOf(rc);
      await rc.call('inventory', 'POST', '/reserve', { items });
      const charge = await rc.call<{ paymentId: string }>('payments', 'POST', '/charge', { amount: items * 19.9 });
      return { orderId: `o-${Math.floor(rc.random() * 1e9).toString(36)}`, paymentId: charge?.paymentId, items };
    },
    'GET /cart': async (rc) => {
      const stock = await rc.call<{ available: number }>('inventory', 'GET', `/stock?items=${itemsOf(rc)}`);
      return { items: itemsOf(rc), available: stock?.available };
    },
  },
  payments: {
    'POST /charge': async (rc) => {
      await rc.db('SELECT', 'accounts');
      await rc.work(15 + 10 * rc.random()); // talking to the card network
      await rc.db('INSERT', 'payments');
      return { paymentId: `p-${Math.floor(rc.random() * 1e9).toString(36)}`, amount: rc.body.amount };
    },
  },
  inventory: {
    'POST /reserve': async (rc) => {
      await rc.db('SELECT', 'stock');
      await rc.db('UPDATE', 'stock');
      return { reserved: itemsOf(rc) };
    },
    'GET /stock': async (rc) => {
      await rc.db('SELECT', 'stock');
      return { available: Math.floor(50 + 100 * rc.random()) };
    },
  },
  db: {
    'POST /query': async (rc) => {
      const op = String(rc.body.operation ?? 'SELECT');
      const table = String(rc.body.table ?? 'unknown');
      rc.spanName(`${op} ${table}`);
      await rc.work(op === 'SELECT' ? 2 : op === 'INSERT' ? 4 : 6);
      return { rows: op === 'SELECT' ? 1 + Math.floor(rc.random() * 5) : 1 };
    },
  },
};

/** Messages of the errors a buggy service throws (error bursts and bad releases pick from these). */
export const BUG_MESSAGES = [
  "TypeError: Cannot read properties of undefined (reading 'amount')",
  'RangeError: Invalid array length',
  'Error: unexpected null in order line',
  'SyntaxError: Unexpected token < in JSON at position 0',
  'Error: invariant violated: reserved quantity below zero',
];
