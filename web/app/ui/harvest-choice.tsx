import type { FormView } from '../forms/form-result.ts';
import type { HarvestGroup } from '../coop/packing.ts';
import { useI18n } from '../i18n/i18n.ts';
import { FieldNotes, describedBy } from './field.tsx';

type Props = { form: FormView<'harvestIds'>; groups: readonly HarvestGroup[] };

/**
 * The harvests waiting to be packed, one group per farm and product, each a box to tick. They
 * all post `harvestId`; the error about the choice is tied to the whole group.
 */
export function HarvestChoice({ form, groups }: Props) {
  const { t, f, locale } = useI18n();
  const error = form.error('harvestIds');
  // After a refusal the boxes show what was sent.
  const ticked = new Set(form.value('harvestIds')?.split(',') ?? []);
  return (
    <fieldset className="harvest-choice" {...describedBy('harvestIds', false, error)}>
      <legend>{t('packing.harvestIds')}</legend>
      {groups.map((group) => (
        <fieldset key={`${group.farm.id}/${group.product.id}`} className="card">
          <legend>
            {t('packing.group', {
              product: locale === 'vi' ? group.product.nameVi : group.product.nameEn,
              farm: group.farm.name,
            })}
          </legend>
          <p className="hint">{t('packing.gtin', { gtin: group.product.gtin })}</p>
          {group.harvests.map((h) => (
            <label key={h.id} className="choice">
              <input type="checkbox" name="harvestId" value={h.id} defaultChecked={ticked.has(h.id)} />{' '}
              {t('packing.harvestLine', {
                day: { day: h.day },
                zone: h.zone,
                left: f.number(h.gramsLeft / 1000),
                weight: f.number(h.weightGrams / 1000),
              })}
            </label>
          ))}
        </fieldset>
      ))}
      <FieldNotes id="harvestIds" error={error} />
    </fieldset>
  );
}
