import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';
import { basisPointsOf } from './payouts.ts';

// The payout pages' two forms, as an admin types them (decision 022).
const m = (key: MessageKey) => ({ error: key });

/** The co-op's commission as a percentage, "12,5" or "12.5": kept as basis points (1250). */
export const commissionSchema = z.object({
  commissionPercent: z.string(m('payouts.errors.commission')).transform((typed, ctx) => {
    const points = basisPointsOf(typed);
    if (points === null) ctx.addIssue({ code: 'custom', message: 'payouts.errors.commission' });
    return points ?? 0;
  }),
});

/** Marking a statement paid: the bank transfer's reference (or the receipt number for cash). */
export const markPaidSchema = z.object({
  reference: z
    .string(m('payouts.errors.reference'))
    .trim()
    .min(1, m('payouts.errors.reference'))
    .max(100, m('payouts.errors.referenceLong')),
});
