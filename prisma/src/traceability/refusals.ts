import { DomainError, type MessageParams } from '../domain-error.ts';

/** Every refusal of the traceability rules; web's catalogue has a text for each, in each language. */
export const traceabilityRefusals = [
  /** Harvest or publish while an input's pre-harvest interval runs. */
  'PHI_NOT_PASSED',
  /** A record id made on a phone that another user's record, or another planting's, already has. */
  'RECORD_ID_TAKEN',
  /** A correction of an entry that another entry already corrects: correct the newest one. */
  'RECORD_ALREADY_CORRECTED',
  'RECORD_NOT_FOUND',
  /** A listing that would sell more units than its pack lot holds. */
  'STOCK_OVER_PACKED',
  /** A farm's 999 lot codes of one day are used up. */
  'LOT_CODES_USED_UP',
] as const;

export type TraceabilityRefusal = (typeof traceabilityRefusals)[number];

export function traceabilityRefusal(
  code: TraceabilityRefusal,
  params?: MessageParams,
): DomainError<TraceabilityRefusal> {
  return new DomainError(code, params);
}
