import type { Db } from '@seedline/db';
import { refundCardPayment } from '../checkout/stripe.server.ts';
import { recordRefund } from './staff-actions.server.ts';

/**
 * Money came for an order that had already ended (its hold ran out and the units went to someone
 * else): it goes straight back. If Stripe cannot be reached, the error is logged for staff; the
 * order stays cancelled with its payment recorded as succeeded, which the back office shows.
 */
export async function refundLatePayment(
  db: Db,
  late: { orderId: string; paymentIntentId: string; amountVnd: number },
  now = new Date(),
) {
  try {
    const refund = await refundCardPayment(late);
    const payment = await db.payment.findFirstOrThrow({
      where: { orderId: late.orderId, paymentIntentId: late.paymentIntentId },
      select: { id: true },
    });
    await recordRefund(db, {
      orderId: late.orderId,
      paymentId: payment.id,
      amountVnd: refund.amountVnd,
      providerRef: refund.id,
      byUserId: null,
      now,
    });
  } catch (error) {
    console.error(`Order ${late.orderId}: a late card payment could not be refunded automatically`, error);
  }
}
