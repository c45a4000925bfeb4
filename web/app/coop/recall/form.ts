import { z } from 'zod';

// The recall screen's action: which lot, how wide, and a ticked confirmation (a recall tells
// buyers: it is not done by a slip of the thumb).
export const recallScopes = ['lot', 'seedLot'] as const;

export const recallForm = z.object({
  lotCode: z.string().trim().min(1).max(40),
  scope: z.enum(recallScopes, { error: 'recall.errors.scope' }),
  confirm: z.literal('on', { error: 'recall.errors.confirm' }),
});
