import type { Message } from '../i18n/i18n.ts';

// The bridge answers in its own words (control/commands.ts, the shadow's reconcile), English and
// terse, written for logs. A farmer reads them in their language: each known answer has a text;
// one this app does not know yet is shown as the bridge said it, marked as such.

const known: readonly [RegExp, (match: RegExpExecArray) => Message][] = [
  [/^zone is off/, () => ({ key: 'reason.zoneOff' })],
  [/^zone is paused/, () => ({ key: 'reason.zonePaused' })],
  [/^leak alarm/, () => ({ key: 'reason.leak' })],
  [/^moisture sensor fault/, () => ({ key: 'reason.sensorFault' })],
  [/^no-flow alarm/, () => ({ key: 'reason.noFlow' })],
  [/^daily water budget reached/, () => ({ key: 'reason.budget' })],
  [/^expired: issued (\d+) min ago/, (m) => ({ key: 'reason.expired', params: { minutes: Number(m[1]) } })],
  [/^pause until must be in the future/, () => ({ key: 'reason.pausePast' })],
  [
    /^no leak alarm is active|^leak already acknowledged|^no no-flow alarm is active/,
    () => ({ key: 'reason.nothingToAck' }),
  ],
  [/clears by itself/, () => ({ key: 'reason.clearsItself' })],
  [/moistureLow must be below moistureHigh/, () => ({ key: 'reason.band' })],
];

/** The bridge's reason as the farmer reads it. Zones keep a refused command as "command: …". */
export function bridgeReason(reason: string): Message {
  const text = reason.replace(/^command: /, '');
  for (const [pattern, message] of known) {
    const match = pattern.exec(text);
    if (match) return message(match);
  }
  return { key: 'reason.other', params: { reason: text } };
}
