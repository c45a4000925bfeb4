import { categories, saleUnits } from '../coop/listing-forms.ts';
import type { FormView } from '../forms/form-result.ts';
import { useI18n } from '../i18n/i18n.ts';
import { Field } from './field.tsx';
import { Select } from './select.tsx';
import { Textarea } from './textarea.tsx';

type Name = 'titleVi' | 'titleEn' | 'descriptionVi' | 'descriptionEn' | 'unit' | 'category' | 'priceVnd' | 'stock';

/** What the fields start with: a listing's own, or a pack lot's product's for a new one. */
export type ListingDefaults = Partial<Record<Name, string | number>>;

/** A listing's texts, unit, shelf, price and stock: the same on the new and the edit form. */
export function ListingFields({ form, defaults }: { form: FormView<Name>; defaults: ListingDefaults }) {
  const { t } = useI18n();
  const text = (name: Name) => (defaults[name] === undefined ? undefined : String(defaults[name]));
  return (
    <>
      <Field form={form} name="titleVi" label="listings.titleVi" defaultValue={text('titleVi')} required lang="vi" />
      <Field form={form} name="titleEn" label="listings.titleEn" defaultValue={text('titleEn')} required lang="en" />
      <Textarea
        form={form}
        name="descriptionVi"
        label="listings.descriptionVi"
        defaultValue={text('descriptionVi')}
        lang="vi"
      />
      <Textarea
        form={form}
        name="descriptionEn"
        label="listings.descriptionEn"
        defaultValue={text('descriptionEn')}
        lang="en"
      />
      <Select
        form={form}
        name="unit"
        label="listings.unit"
        placeholder="listings.choose"
        options={saleUnits.map((u) => ({ value: u, label: t(`listings.unitName.${u}`) }))}
        defaultValue={text('unit')}
        required
      />
      <Select
        form={form}
        name="category"
        label="listings.category"
        placeholder="listings.choose"
        options={categories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        defaultValue={text('category')}
        required
      />
      <Field
        form={form}
        name="priceVnd"
        label="listings.price"
        description="listings.priceHint"
        defaultValue={text('priceVnd')}
        inputMode="numeric"
        autoComplete="off"
        required
      />
      <Field
        form={form}
        name="stock"
        label="listings.stock"
        description="listings.stockHint"
        defaultValue={text('stock')}
        inputMode="numeric"
        autoComplete="off"
        required
      />
    </>
  );
}
