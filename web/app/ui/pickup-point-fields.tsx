import type { FormView } from '../forms/form-result.ts';
import { Field } from './field.tsx';

type PointFields = 'name' | 'address' | 'commune' | 'province' | 'hours';

export type PickupPointValues = { name: string; address: string; commune: string; province: string; hours: string };

/** A pickup point's fields, empty to add one or filled with a point to edit it. */
export function PickupPointFields({ form, point }: { form: FormView<PointFields>; point?: PickupPointValues }) {
  return (
    <>
      <Field form={form} name="name" label="pickup.point.name" defaultValue={point?.name} required />
      <Field
        form={form}
        name="address"
        label="pickup.point.address"
        autoComplete="street-address"
        defaultValue={point?.address}
        required
      />
      <Field form={form} name="commune" label="pickup.point.commune" defaultValue={point?.commune} required />
      <Field form={form} name="province" label="pickup.point.province" defaultValue={point?.province} required />
      <Field
        form={form}
        name="hours"
        label="pickup.point.hours"
        description="pickup.point.hoursHint"
        defaultValue={point?.hours}
      />
    </>
  );
}
