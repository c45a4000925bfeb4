// Prices are whole VND (the currency has no minor unit): totals are exact integer sums.

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
