import type { FormView } from '../forms/form-result.ts';
import { type MessageKey, useI18n } from '../i18n/i18n.ts';
import { formatTimeRange, formatWindowDay } from './date-time.ts';
import { FieldNotes, describedBy } from './field.tsx';
import { groupBy } from './group-by.ts';

export type ChoosableWindow = {
  id: string;
  startsAt: Date | string;
  endsAt: Date | string;
  placesLeft: number;
  state: 'open' | 'full' | 'closed';
  point: { id: string; name: string; address: string; commune: string; hours: string } | null;
};

type Props = {
  form: FormView<'windowId' | 'fulfilment'>;
  /** The fulfilment these windows are for: the error shows under the kind the buyer chose. */
  fulfilment: 'PICKUP' | 'DELIVERY';
  windows: readonly ChoosableWindow[];
  label: MessageKey;
  id: string;
};

/**
 * The windows of one kind as radio buttons (thumb-sized, and a plain form without JavaScript),
 * grouped by pickup point with its address and hours. A full window is shown, not choosable.
 */
export function WindowChoice({ form, fulfilment, windows, label, id }: Props) {
  const { t, locale } = useI18n();
  const error = (form.value('fulfilment') ?? 'DELIVERY') === fulfilment ? form.error('windowId') : undefined;
  const chosen = form.value('windowId');
  const groups = groupBy(windows, (w) => w.point?.id ?? null);
  return (
    <fieldset className="window-choice" {...describedBy(id, false, error)}>
      <legend>{t(label)}</legend>
      {windows.length === 0 ? <p className="hint">{t('checkout.noWindows')}</p> : null}
      {groups.map(([pointId, ofPoint]) => (
        <div key={pointId ?? 'delivery'} className="window-group">
          <PointHeading point={ofPoint[0]?.point ?? null} />
          {ofPoint.map((w) => (
            <label key={w.id} className="choice">
              <input
                type="radio"
                name="windowId"
                value={w.id}
                disabled={w.state !== 'open'}
                defaultChecked={chosen === w.id}
              />
              <span>
                {formatWindowDay(locale, w.startsAt)}{' '}
                <span className="nowrap">{formatTimeRange(locale, w.startsAt, w.endsAt)}</span>{' '}
                <span className="hint">
                  · {w.state === 'open' ? t('checkout.placesLeft', { count: w.placesLeft }) : t('checkout.windowFull')}
                </span>
              </span>
            </label>
          ))}
        </div>
      ))}
      <FieldNotes id={id} error={error} />
    </fieldset>
  );
}

/** A pickup point above its windows: name, address and opening hours. Nothing for delivery. */
function PointHeading({ point }: { point: ChoosableWindow['point'] }) {
  const { t } = useI18n();
  if (!point) return null;
  return (
    <p className="window-point">
      <strong>{point.name}</strong>
      <br />
      {point.address}, {point.commune}
      {point.hours ? (
        <>
          <br />
          {t('checkout.pointHours', { hours: point.hours })}
        </>
      ) : null}
    </p>
  );
}
