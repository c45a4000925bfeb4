import { formats, isLocale, translator } from '../i18n/i18n.ts';
import { farm } from '../i18n/messages/farm.ts';

// What a notice of an alarm says, in the reader's language: the catalogue's name of the alarm and
// what to do about it (`alarm.*`, `alarmAdvice.*`, the texts the farm pages show), where, since
// when, and the page to open. Written once, when the notice is queued; every channel says it.

export const noticeEvents = ['opened', 'reminder', 'cleared'] as const;
export type NoticeEvent = (typeof noticeEvents)[number];

export type NoticePayload = {
  locale: 'vi' | 'en';
  title: string;
  body: string;
  /** The page to open, from the site's root: the zone's page for a zone's alarm, else the farm. */
  path: string;
  /** The fields of the Zalo template (README: "Alarm notifications"). */
  fields: { status: string; greenhouse: string; place: string; alarm: string; time: string };
};

export type NoticeAlarm = {
  kind: string;
  /** The bridge's own words, for a kind the catalogue does not know yet. */
  message: string;
  raisedAt: Date;
  clearedAt: Date | null;
  greenhouse: { name: string };
  zone: { id: string; name: string } | null;
};

export function alarmNotice(alarm: NoticeAlarm, event: NoticeEvent, locale: string): NoticePayload {
  const lang = isLocale(locale) ? locale : 'vi';
  const t = translator(lang, [farm]);
  const f = formats(lang);
  const alarmKey = `alarm.${alarm.kind}`;
  const adviceKey = `alarmAdvice.${alarm.kind}`;
  const name = t.has(alarmKey) ? t(alarmKey) : alarm.message;
  const advice = t.has(adviceKey) ? t(adviceKey) : '';
  const where = alarm.zone?.name ?? t('farm.wholeGreenhouse');
  const since = f.dateTime(alarm.raisedAt);
  const at = f.dateTime(alarm.clearedAt ?? alarm.raisedAt);
  const params = { greenhouse: alarm.greenhouse.name, where, alarm: name, since, at, advice };
  return {
    locale: lang,
    title: t(`notify.title.${event}`, params),
    body: t(`notify.body.${event}`, params).trim(),
    path: alarm.zone ? `/farm/zones/${alarm.zone.id}` : '/farm',
    fields: {
      status: t(`notify.status.${event}`),
      greenhouse: alarm.greenhouse.name,
      place: where,
      alarm: name,
      time: event === 'cleared' ? at : since,
    },
  };
}
