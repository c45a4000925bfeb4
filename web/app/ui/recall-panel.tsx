import { Form } from '@remix-run/react';
import type { FormView } from '../forms/form-result.ts';
import { useI18n } from '../i18n/i18n.ts';
import { Checkbox } from './checkbox.tsx';
import { FormError } from './form-error.tsx';
import { RadioGroup } from './radio-group.tsx';

type Outcome = { lots: string[]; withdrawn: number; cancelled: number; told: number; noEmail: number };
type Fields = 'lotCode' | 'scope' | 'confirm';

/** A traced lot's downloads (EPCIS 2.0, FSMA 204), for the authorities or a buyer's own system. */
export function RecallExports({ lotCode }: { lotCode: string }) {
  const { t } = useI18n();
  const base = `/coop/recall/${encodeURIComponent(lotCode)}`;
  return (
    <section aria-labelledby="recall-exports">
      <h2 id="recall-exports">{t('recall.exports')}</h2>
      <ul>
        <li>
          <a href={`${base}/epcis.jsonld`} download>
            {t('recall.epcis')}
          </a>
        </li>
        <li>
          <a href={`${base}/fsma-204.xlsx`} download>
            {t('recall.fsmaXlsx')}
          </a>
        </li>
        <li>
          <a href={`${base}/fsma-204.csv`} download>
            {t('recall.fsma')}
          </a>
        </li>
      </ul>
    </section>
  );
}

/** The recall itself: how wide, a confirmation, then what was done. */
export function RecallAction(props: {
  lotCode: string;
  seedLotNumber: string;
  form: FormView<Fields>;
  outcome?: Outcome;
}) {
  const { t } = useI18n();
  const { lotCode, form, outcome } = props;
  return (
    <section aria-labelledby="recall-act" className="recall-action">
      <h2 id="recall-act">{t('recall.act')}</h2>
      {outcome ? (
        <div role="status">
          <p>{t('recall.done', { ...outcome, lots: outcome.lots.join(', ') })}</p>
          {outcome.noEmail > 0 ? <p>{t('recall.noEmail', { count: outcome.noEmail })}</p> : null}
        </div>
      ) : null}
      <p>{t('recall.actIntro')}</p>
      {/* A new form after a recall: its confirmation box starts unticked again. */}
      <Form method="post" key={outcome ? 'after' : 'before'}>
        <FormError form={form} />
        <input type="hidden" name="lotCode" value={lotCode} />
        <RadioGroup
          form={form}
          name="scope"
          label="recall.scope"
          defaultValue="lot"
          options={[
            { value: 'lot', label: t('recall.scopeLot', { lotCode }) },
            { value: 'seedLot', label: t('recall.scopeSeedLot', { lotNumber: props.seedLotNumber }) },
          ]}
        />
        <Checkbox form={form} name="confirm" label="recall.confirm" />
        <button type="submit">{t('recall.submit')}</button>
      </Form>
    </section>
  );
}
