import type { LineState } from '../support/cart-http.ts';
import { isIndeterminate, type CartEventRecord, type FinalCart, type OperationRecord } from './history.types.ts';

export interface HistoryCheck {
  /** Every way the history breaks a promise; empty when it holds. */
  readonly violations: readonly string[];
  /** Versions produced by a request whose answer was lost (no answer, or 5xx) but that did commit. */
  readonly committedWithoutAnswer: number;
  /** 200 answers that changed nothing (a set to the same quantity, emptying an empty cart). */
  readonly noOps: number;
}

type Model = Map<string, number>;

/**
 * Checks a recorded history against what the service holds afterwards, cart by cart:
 *
 * - the events are numbered 1..version without gaps or repeats, the first is `cart.created`;
 * - every event is explained by exactly one request: a 200 answer that carries its version, or a
 *   request whose answer was lost (no answer, 5xx); never by a refused one (412, 409, 422, 404);
 * - replaying the events in version order (adds sum, sets set, removes remove, empties empty)
 *   gives, at each version, exactly the lines every 200 answer with that version carried, and at
 *   the end exactly the cart's lines; no product appears twice on a cart;
 * - a 200 that did not produce its version changed nothing (the operation is a no-op there);
 * - a change sent with If-Match was applied to exactly that version.
 */
export function checkHistory(records: readonly OperationRecord[], finals: readonly FinalCart[]): HistoryCheck {
  const violations: string[] = [];
  let committedWithoutAnswer = 0;
  let noOps = 0;
  for (const final of finals) {
    const ops = records.filter((record) => record.cartId === final.cartId);
    const result = checkCart(final, ops, violations);
    committedWithoutAnswer += result.committedWithoutAnswer;
    noOps += result.noOps;
  }
  const known = new Set(finals.map((final) => final.cartId));
  for (const record of records) {
    if (!known.has(record.cartId)) violations.push(`an operation names cart ${record.cartId}, which was not read back`);
  }
  return { violations, committedWithoutAnswer, noOps };
}

function checkCart(final: FinalCart, ops: readonly OperationRecord[], violations: string[]) {
  const cart = final.cartId.slice(-8);
  const fail = (message: string) => violations.push(`cart …${cart}: ${message}`);
  let committedWithoutAnswer = 0;
  let noOps = 0;

  final.events.forEach((event, i) => {
    if (event.sequence !== i + 1) fail(`event #${i + 1} has sequence ${event.sequence} (gap or repeat)`);
  });
  if (final.events[0]?.type !== 'cart.created') fail(`the first event is ${final.events[0]?.type}, not cart.created`);
  if (final.events.length !== final.version) fail(`version ${final.version} but ${final.events.length} events`);

  const acked = new Map<number, OperationRecord[]>();
  for (const op of ops) {
    if (op.status !== 200) continue;
    if (op.version === undefined) {
      fail(`a 200 ${op.kind} carries no version`);
      continue;
    }
    acked.set(op.version, [...(acked.get(op.version) ?? []), op]);
  }
  const unanswered = ops.filter((op) => isIndeterminate(op.status));
  const usedUnanswered = new Set<OperationRecord>();

  let model: Model = new Map();
  for (const event of final.events.slice(1)) {
    const v = event.sequence;
    const next = applyEvent(model, event);
    if (typeof next === 'string') {
      fail(`v${v}: ${next}`);
      continue;
    }
    if (sameLines(next, model)) fail(`v${v}: ${event.type} changed nothing yet raised the version`);
    const answers = acked.get(v) ?? [];
    const producer = answers.find((op) => describes(op, event));
    if (producer) {
      if (producer.ifMatch !== undefined && producer.ifMatch !== v - 1) {
        fail(`v${v}: ${label(producer)} with If-Match "${producer.ifMatch}" was applied to version ${v - 1}`);
      }
    } else {
      const lost = unanswered.find((op) => !usedUnanswered.has(op) && describes(op, event));
      if (lost) {
        usedUnanswered.add(lost);
        committedWithoutAnswer++;
      } else {
        fail(`v${v}: ${event.type} ${JSON.stringify(event.data)} matches no acknowledged or unanswered request`);
      }
    }
    for (const op of answers) {
      if (op === producer) continue;
      noOps++;
      const applied = applyOperation(next, op);
      if (typeof applied === 'string' || !sameLines(applied, next)) fail(`v${v}: ${label(op)} answered 200 at v${v} but would change it`);
      if (op.ifMatch !== undefined && op.ifMatch !== v) fail(`v${v}: no-op ${label(op)} with If-Match "${op.ifMatch}" succeeded`);
    }
    for (const op of answers) expectLines(op.lines ?? [], next, `v${v}: the answer to ${label(op)}`, fail);
    model = next;
  }
  for (const op of acked.get(1) ?? []) {
    noOps++;
    expectLines(op.lines ?? [], new Map(), `v1: the answer to ${label(op)}`, fail);
  }
  for (const version of acked.keys()) {
    if (version > final.version) fail(`a 200 answer carries version ${version}, past the final ${final.version}`);
  }
  expectLines(final.lines, model, `the final cart (v${final.version})`, fail);
  return { committedWithoutAnswer, noOps };
}

/** The model after the event, or why the event cannot be replayed. */
function applyEvent(model: Model, event: CartEventRecord): Model | string {
  const productId = typeof event.data['productId'] === 'string' ? event.data['productId'] : undefined;
  const quantity = typeof event.data['quantity'] === 'number' ? event.data['quantity'] : undefined;
  const next = new Map(model);
  switch (event.type) {
    case 'cart.item_added':
      if (productId === undefined || quantity === undefined) return 'item_added without productId and quantity';
      next.set(productId, (model.get(productId) ?? 0) + quantity);
      if (event.data['lineQuantity'] !== next.get(productId)) {
        return `item_added says the line holds ${String(event.data['lineQuantity'])}, the sum of adds is ${next.get(productId)}`;
      }
      return next;
    case 'cart.item_quantity_changed':
      if (productId === undefined || quantity === undefined) return 'item_quantity_changed without productId and quantity';
      if (quantity === 0) next.delete(productId);
      else next.set(productId, quantity);
      return next;
    case 'cart.item_removed':
      if (productId === undefined || !model.has(productId)) return `item_removed of ${productId}, which is not on the cart`;
      next.delete(productId);
      return next;
    case 'cart.emptied':
      return new Map();
    default:
      return `unexpected event ${event.type}`;
  }
}

/** The model after the operation (as the service should apply it), or why it would be refused. */
function applyOperation(model: Model, op: OperationRecord): Model | string {
  const next = new Map(model);
  const productId = op.productId ?? '';
  switch (op.kind) {
    case 'add':
      next.set(productId, (model.get(productId) ?? 0) + (op.quantity ?? 0));
      return next;
    case 'set':
      if (op.quantity === 0) next.delete(productId);
      else next.set(productId, op.quantity ?? 0);
      return next;
    case 'remove':
      if (!model.has(productId)) return 'LINE_NOT_FOUND';
      next.delete(productId);
      return next;
    case 'empty':
      return new Map();
  }
}

/** Whether `event` is what `op` would have written. */
function describes(op: OperationRecord, event: CartEventRecord): boolean {
  const { productId, quantity } = event.data;
  switch (op.kind) {
    case 'add':
      return event.type === 'cart.item_added' && productId === op.productId && quantity === op.quantity;
    case 'set':
      return event.type === 'cart.item_quantity_changed' && productId === op.productId && quantity === op.quantity;
    case 'remove':
      return event.type === 'cart.item_removed' && productId === op.productId;
    case 'empty':
      return event.type === 'cart.emptied';
  }
}

/** Same products with the same quantities in the same order (lines keep the order they were first added). */
function sameLines(a: Model, b: Model): boolean {
  return JSON.stringify([...a]) === JSON.stringify([...b]);
}

function expectLines(lines: readonly LineState[], model: Model, what: string, fail: (message: string) => void): void {
  const ids = lines.map((line) => line.productId);
  if (new Set(ids).size !== ids.length) fail(`${what} lists a product twice: ${ids.join(', ')}`);
  const actual = new Map(lines.map((line) => [line.productId, line.quantity]));
  if (!sameLines(actual, model)) fail(`${what} is ${JSON.stringify([...actual])}, the fold gives ${JSON.stringify([...model])}`);
}

function label(op: OperationRecord): string {
  const what = op.kind === 'empty' ? 'empty' : `${op.kind} ${op.productId}${op.quantity === undefined ? '' : ` x${op.quantity}`}`;
  return `client ${op.client}'s ${what}`;
}
