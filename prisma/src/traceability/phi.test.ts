import { describe, expect, it } from 'vitest';
import { calendarDay, startOfDay } from './dates.ts';
import { type AppliedInput, phiBlocks, phiClearsOn, phiNotPassed } from './phi.ts';

/** An instant given as local time in Vietnam (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`);

const radiant: AppliedInput = {
  inputProduct: 'Radiant 60SC',
  activeIngredient: 'spinetoram',
  appliedAt: vn('2026-11-20T06:00:00'),
  phiDays: 7,
};

describe('pre-harvest interval', () => {
  it('clears PHI days after the calendar day of application', () => {
    expect(phiClearsOn(radiant)).toBe('2026-11-27');
    expect(phiClearsOn({ appliedAt: vn('2026-12-28T06:00:00'), phiDays: 7 })).toBe('2027-01-04');
    expect(phiClearsOn({ appliedAt: vn('2026-11-20T06:00:00'), phiDays: 0 })).toBe('2026-11-20');
  });

  it('allows harvest on the clearance day, from its first minute', () => {
    expect(phiBlocks([radiant], vn('2026-11-27T00:00:00'))).toEqual([]);
    expect(phiBlocks([radiant], vn('2026-11-27T06:00:00'))).toEqual([]);
  });

  it('refuses harvest the day before the clearance day, up to its last minute', () => {
    for (const at of [vn('2026-11-26T00:00:00'), vn('2026-11-26T23:59:59')]) {
      const blocks = phiBlocks([radiant], at);
      expect(blocks).toHaveLength(1);
      expect(blocks[0]).toMatchObject({ inputProduct: 'Radiant 60SC', clearsOn: '2026-11-27', phiDays: 7 });
    }
  });

  it('refuses harvest on the day of application when the PHI is not zero, and allows it when it is', () => {
    expect(phiBlocks([radiant], vn('2026-11-20T09:00:00'))).toHaveLength(1);
    expect(phiBlocks([{ ...radiant, phiDays: 0 }], vn('2026-11-20T09:00:00'))).toEqual([]);
  });

  it('ignores inputs applied after the harvest', () => {
    const later = { ...radiant, appliedAt: vn('2026-11-25T08:00:00') };
    expect(phiBlocks([later], vn('2026-11-25T07:59:59'))).toEqual([]);
    expect(phiBlocks([later], vn('2026-11-25T08:00:00'))).toHaveLength(1);
  });

  it('counts calendar days in Vietnam (UTC+7), not in UTC', () => {
    // Applied at 00:30 on the 21st in Vietnam, which is still the 20th in UTC.
    const input = { ...radiant, appliedAt: new Date('2026-11-20T17:30:00Z') };
    expect(calendarDay(input.appliedAt)).toBe('2026-11-21');
    expect(phiClearsOn(input)).toBe('2026-11-28');
    // 23:59:59 on the 27th in Vietnam (16:59:59 UTC): still blocked.
    expect(phiBlocks([input], new Date('2026-11-27T16:59:59Z'))).toHaveLength(1);
    // 00:00 on the 28th in Vietnam (17:00 UTC on the 27th): allowed.
    expect(phiBlocks([input], new Date('2026-11-27T17:00:00Z'))).toEqual([]);
    expect(phiBlocks([input], startOfDay('2026-11-28'))).toEqual([]);
  });

  it('lists every input still running, latest clearance first', () => {
    const inputs: AppliedInput[] = [
      radiant,
      { inputProduct: 'Amistar Top 325SC', activeIngredient: null, appliedAt: vn('2026-11-22T06:00:00'), phiDays: 14 },
      { inputProduct: 'Trichoderma', activeIngredient: null, appliedAt: vn('2026-11-22T06:00:00'), phiDays: 0 },
      {
        inputProduct: 'Sherpa 25EC',
        activeIngredient: 'cypermethrin',
        appliedAt: vn('2026-11-23T06:00:00'),
        phiDays: 5,
      },
    ];
    const blocks = phiBlocks(inputs, vn('2026-11-26T12:00:00'));
    expect(blocks.map((b) => [b.inputProduct, b.clearsOn])).toEqual([
      ['Amistar Top 325SC', '2026-12-06'],
      ['Sherpa 25EC', '2026-11-28'],
      ['Radiant 60SC', '2026-11-27'],
    ]);
  });

  it('refuses with PHI_NOT_PASSED naming the input that clears last, its active ingredient, and the first allowed day', () => {
    const blocks = phiBlocks(
      [radiant, { ...radiant, inputProduct: 'Phân bón lá', activeIngredient: null, phiDays: 3 }],
      vn('2026-11-22T12:00:00'),
    );
    const error = phiNotPassed(blocks);
    expect(error.code).toBe('PHI_NOT_PASSED');
    expect(error.params).toEqual({
      product: 'Radiant 60SC (spinetoram)',
      appliedOn: { day: '2026-11-20' },
      phiDays: 7,
      firstDay: { day: '2026-11-27' },
      others: 1,
    });
    expect(
      phiNotPassed(phiBlocks([{ ...radiant, activeIngredient: null }], vn('2026-11-22T12:00:00'))).params.product,
    ).toBe('Radiant 60SC');
  });
});
