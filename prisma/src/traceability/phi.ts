import { addDays, calendarDay } from './dates.ts';

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

export function describePhiBlock(block: PhiBlock): string {
  const what = block.activeIngredient ? `${block.inputProduct} (${block.activeIngredient})` : block.inputProduct;
  return `${what} applied on ${calendarDay(block.appliedAt)} has a pre-harvest interval of ${block.phiDays} days: harvest is allowed from ${block.clearsOn}`;
}

export class PhiNotPassedError extends Error {
  override name = 'PhiNotPassedError';
  constructor(readonly blocks: PhiBlock[]) {
    super(`Pre-harvest interval not passed: ${blocks.map(describePhiBlock).join('; ')}`);
  }
}
