import type { FormView } from '../forms/form-result.ts';
import { useI18n } from '../i18n/i18n.ts';

/**
 * The message for the whole form (a refusal, wrong credentials), announced when it appears.
 * `includeFields`: a form of buttons and hidden fields has nowhere else to show a field's error.
 */
export function FormError({ form, includeFields = false }: { form: FormView<string>; includeFields?: boolean }) {
  const { t } = useI18n();
  const message = includeFields ? form.firstError() : form.formError;
  return message ? (
    <p className="form-error" role="alert">
      {t(message)}
    </p>
  ) : null;
}
