import { Form, useNavigation } from '@remix-run/react';
import { type FormView, intentForm } from '../../forms/form-result.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { DateTimeField } from '../date-time-field.tsx';
import { NumberField } from '../number-field.tsx';

type Props = {
  form: FormView<string>;
  /** The mode the bridge last reported (null: never reported). */
  mode: 'auto' | 'manual' | 'paused' | 'off' | null;
  commandPending: boolean;
  /** Now and two hours on, as the pause field takes them (Vietnam time). */
  now: string;
  pauseDefault: string;
};

/**
 * The zone's commands, each a small form of its own: run now for N minutes, stop, pause until,
 * resume, off, auto. Only what makes sense in the reported mode is offered; the bridge decides.
 */
export function ZoneControls({ form, mode, commandPending, now, pauseDefault }: Props) {
  const { t } = useI18n();
  const sending = useNavigation().state === 'submitting';
  const button = (intent: string, label: Parameters<typeof t>[0], secondary = true) => (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={secondary ? 'secondary' : undefined} disabled={sending}>
        {t(label)}
      </button>
    </Form>
  );
  return (
    <section className="card zone-controls" aria-labelledby="controls-title" id="controls">
      <h2 id="controls-title">{t('zone.controls')}</h2>
      {commandPending ? (
        <p className="pending" role="status">
          {t('zone.commandPending')}
        </p>
      ) : null}
      {mode === 'manual' ? (
        button('stop', 'zone.stop', false)
      ) : mode === 'auto' || mode === null ? (
        <Form method="post" className="row" noValidate>
          <input type="hidden" name="intent" value="run" />
          <NumberField
            form={intentForm(form, 'run')}
            name="minutes"
            label="zone.runMinutes"
            unit="unit.minutes"
            defaultValue="10"
            required
          />
          <button type="submit" disabled={sending}>
            {t('zone.run')}
          </button>
        </Form>
      ) : null}
      {mode === 'paused' ? button('resume', 'zone.resume', false) : null}
      {mode === 'auto' || mode === 'manual' || mode === null ? (
        <Form method="post" className="row" noValidate>
          <input type="hidden" name="intent" value="pause" />
          <DateTimeField
            form={intentForm(form, 'pause')}
            name="until"
            label="zone.pauseUntil"
            kind="datetime-local"
            min={now}
            defaultValue={pauseDefault}
            required
          />
          <button type="submit" className="secondary" disabled={sending}>
            {t('zone.pause')}
          </button>
        </Form>
      ) : null}
      <div className="row">{mode === 'off' ? button('auto', 'zone.auto', false) : button('off', 'zone.off')}</div>
    </section>
  );
}
