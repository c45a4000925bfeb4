import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';

/**
 * The record's id, made where the form was filled (on the phone, or by the server that rendered
 * the form): the same id sent again stores nothing more. Optional, for clients that send none.
 * Free of the database package, so a page's browser bundle may carry it.
 */
export const clientIdField = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    error: 'errors.invalid' satisfies MessageKey,
  })
  .optional()
  .or(z.literal('').transform(() => undefined))
  .transform((v) => v?.toLowerCase() ?? null);
