// Prices are whole VND (the currency has no minor unit): totals are exact integer sums.
//
// Totals, payments and refunds are stored as 64-bit integers: a wholesale order passes a 32-bit
// column's 2,147,483,647 VND (about 85,000 USD). In code they are numbers, exact to 2^53 VND,
// far past any order the cart's limits allow, and what Stripe's amounts are.

/** A stored amount as a number; refuses one a number cannot hold exactly. */
export function fromStoredVnd(amount: bigint): number {
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`amount ${amount} VND is beyond what a number holds exactly`);
  }
  return Number(amount);
}

export type PricedLine = { listingId: string; quantity: number; unitPriceVnd: number };

export function lineTotalVnd(line: Pick<PricedLine, 'quantity' | 'unitPriceVnd'>): number {
  return line.quantity * line.unitPriceVnd;
}

export function orderTotalVnd(lines: readonly Pick<PricedLine, 'quantity' | 'unitPriceVnd'>[]): number {
  return lines.reduce((sum, line) => sum + lineTotalVnd(line), 0);
}

/**
 * Stripe line items. VND is a zero-decimal currency for Stripe: `unit_amount` is the price in
 * dong as it is (85 000 VND is 85000), not multiplied by 100.
 */
export function stripeLineItems(lines: readonly (PricedLine & { name: string })[]) {
  return lines.map((line) => ({
    quantity: line.quantity,
    price_data: { currency: 'vnd', unit_amount: line.unitPriceVnd, product_data: { name: line.name } },
  }));
}
