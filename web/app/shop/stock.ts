// What a buyer may still put in a cart. Listing.stock counts the units on hand; a reservation holds
// units for an order until it is released or expires, so those are not for sale meanwhile.

export type Reservation = { quantity: number; expiresAt: Date; releasedAt: Date | null };

export function isActiveReservation(reservation: Reservation, now: Date): boolean {
  return reservation.releasedAt === null && reservation.expiresAt.getTime() > now.getTime();
}

/** Units left for sale: stock minus the units active reservations hold, never below zero. */
export function availableStock(stock: number, reservations: readonly Reservation[], now: Date): number {
  const held = reservations.filter((r) => isActiveReservation(r, now)).reduce((sum, r) => sum + r.quantity, 0);
  return Math.max(0, stock - held);
}
