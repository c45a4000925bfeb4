import { useI18n } from '../i18n/i18n.ts';
import { type ControlProps, FieldNotes, describedBy } from './field.tsx';

type Props<F extends string> = ControlProps<F> & { defaultChecked?: boolean };

/** A yes/no: the box before its label, the whole line a thumb-sized target. Posts "on" when ticked. */
export function Checkbox<F extends string>({ form, name, label, description, id = name, defaultChecked }: Props<F>) {
  const { t } = useI18n();
  const error = form.error(name);
  // After a refused submission the box shows what was sent: ticked only if it was.
  const checked = form.failed ? form.value(name) === 'on' : defaultChecked;
  return (
    <div className="field checkbox">
      <label className="choice" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          name={name}
          defaultChecked={checked}
          {...describedBy(id, description !== undefined, error)}
        />{' '}
        {t(label)}
      </label>
      <FieldNotes id={id} description={description} error={error} />
    </div>
  );
}
