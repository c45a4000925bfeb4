import type { DoseUnit, InputType } from '@seedline/db';
import { doseText } from '../farm/dose.ts';
import { useI18n } from '../i18n/i18n.ts';

export type InputProductSummary = {
  name: string;
  type: InputType;
  activeIngredient: string | null;
  registrationNumber: string | null;
  phiDays: number;
  maxDose: number;
  doseUnit: DoseUnit;
  retiredAt: string | Date | null;
  uses: number;
};

/** One product of the register: what the label says, how often records use it, whether retired. */
export function InputProductLine({ product }: { product: InputProductSummary }) {
  const { t, f, locale } = useI18n();
  return (
    <>
      <strong>{product.name}</strong>
      <br />
      {t('inputs.line', {
        type: t(`input.${product.type}`),
        ai: product.activeIngredient ?? t('inputs.none'),
        reg: product.registrationNumber ?? t('inputs.none'),
        phi: product.phiDays,
        max: doseText(product.maxDose, product.doseUnit)[locale],
      })}
      <br />
      <small>
        {product.uses > 0 ? t('inputs.uses', { count: product.uses }) : t('inputs.unused')}
        {product.retiredAt ? ` · ${t('inputs.retired', { at: f.date(product.retiredAt) })}` : null}
      </small>
    </>
  );
}
