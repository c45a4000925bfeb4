import type { DomainError } from '../domain-error.ts';
import { addDays, calendarDay } from './dates.ts';
import { type TraceabilityRefusal, traceabilityRefusal } from './refusals.ts';

/** An input applied to a planting, as far as its pre-harvest interval matters. */
export type AppliedInput = {
  inputProduct: string;
  activeIngredient: string | null;
  appliedAt: Date;
  phiDays: number;
};

export type PhiBlock = AppliedInput & {
  /** First calendar day (Vietnam) on which the produce may be harvested. */
  clearsOn: string;
};

/** The day an input's pre-harvest interval has passed: harvest is allowed from that day on. */
export function phiClearsOn(input: Pick<AppliedInput, 'appliedAt' | 'phiDays'>): string {
  return addDays(calendarDay(input.appliedAt), input.phiDays);
}

/**
 * Inputs whose pre-harvest interval has not passed on the day of `at` (inputs applied after `at`
 * do not concern produce harvested at `at`). Latest clearance first.
 */
export function phiBlocks(inputs: readonly AppliedInput[], at: Date): PhiBlock[] {
  const day = calendarDay(at);
  return inputs
    .filter((input) => input.appliedAt.getTime() <= at.getTime())
    .map((input) => ({ ...input, clearsOn: phiClearsOn(input) }))
    .filter((block) => block.clearsOn > day)
    .sort((a, b) => b.clearsOn.localeCompare(a.clearsOn));
}

/**
 * The refusal of a harvest (or a listing) while `blocks` run: it names the input that clears last
 * (the day that matters to the farmer) and how many others also still run.
 */
export function phiNotPassed(blocks: readonly PhiBlock[]): DomainError<TraceabilityRefusal> {
  const last = blocks[0];
  if (!last) throw new RangeError('phiNotPassed needs at least one running interval');
  return traceabilityRefusal('PHI_NOT_PASSED', {
    product: last.activeIngredient ? `${last.inputProduct} (${last.activeIngredient})` : last.inputProduct,
    appliedOn: { day: calendarDay(last.appliedAt) },
    phiDays: last.phiDays,
    firstDay: { day: last.clearsOn },
    others: blocks.length - 1,
  });
}
