import { useNavigation } from '@remix-run/react';
import type { FormView } from '../forms/form-result.ts';
import { useI18n } from '../i18n/i18n.ts';
import { Textarea } from './textarea.tsx';

/**
 * The end of a farm record's form: when it corrects an entry, the reason (required: the record
 * keeps the original beside it), then the button that records or corrects.
 */
export function RecordSubmit({ form, correcting }: { form: FormView<string>; correcting: boolean }) {
  const { t } = useI18n();
  const saving = useNavigation().state === 'submitting';
  return (
    <>
      {correcting ? (
        <Textarea
          form={form}
          name="reason"
          label="applyInput.reason"
          description="applyInput.reasonHint"
          rows={2}
          maxLength={500}
          required
        />
      ) : null}
      <button type="submit" disabled={saving}>
        {t(saving ? 'applyInput.saving' : correcting ? 'applyInput.submitCorrection' : 'applyInput.submit')}
      </button>
    </>
  );
}
