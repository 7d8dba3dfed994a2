import { DomainError } from '../errors/domain-error.ts';

/** An amount of money in integer minor units (cents) of an ISO 4217 currency. Never a float. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export class CurrencyMismatchError extends DomainError {
  constructor(expected: string, actual: string) {
    super('CURRENCY_MISMATCH', 'conflict', `Expected an amount in ${expected}, got one in ${actual}.`);
  }
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money needs a whole number of minor units, got ${amount}.`);
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`Money needs an ISO 4217 currency code, got ${currency}.`);
  return { amount, currency };
}

export function zeroMoney(currency: string): Money {
  return money(0, currency);
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return money(a.amount + b.amount, a.currency);
}

/** The price of `quantity` units: exact, since both factors are integers. */
export function multiplyMoney(unit: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`A quantity must be a whole number, got ${quantity}.`);
  return money(unit.amount * quantity, unit.currency);
}

export function sumMoney(amounts: readonly Money[], currency: string): Money {
  return amounts.reduce(addMoney, zeroMoney(currency));
}

export function sameMoney(a: Money, b: Money): boolean {
  return a.amount === b.amount && a.currency === b.currency;
}
