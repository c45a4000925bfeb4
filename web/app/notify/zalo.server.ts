import { type ChannelSender, NoticeRefused, SEND_TIMEOUT_MS } from './outbox.server.ts';
import type { ZaloSettings } from './settings.server.ts';

// Zalo: a ZNS (Zalo Notification Service) template message to the farmer's phone, through Zalo's
// official API: POST {base}/message/template with the Official Account's access token in the
// `access_token` header, and { phone, template_id, template_data, tracking_id }. Zalo answers 200
// with { error: 0, data: { msg_id } } when it accepted the message, else a non-zero error code.
// The template (approved by Zalo for the Official Account) carries the fields of `templateData`.

/** The longest value sent for a template field; Zalo refuses a value longer than its template allows. */
export const maxFieldLength = 100;

/** 0912345678 → 84912345678, the form ZNS takes. */
export function znsPhone(mobile: string): string {
  return mobile.replace(/^0/, '84');
}

export type ZnsRequest = {
  phone: string;
  template_id: string;
  template_data: Record<string, string>;
  tracking_id: string;
};

/** Sends one template message; throws with Zalo's error code and message when it is refused. */
export async function sendZns(settings: ZaloSettings, request: ZnsRequest): Promise<{ msgId: string | null }> {
  const response = await fetch(new URL('/message/template', settings.apiBase), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', access_token: settings.accessToken },
    body: JSON.stringify(request),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Zalo ZNS answered ${response.status}: ${text.slice(0, 200)}`);
  let answer: { error?: unknown; message?: unknown; data?: { msg_id?: unknown } };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new Error(`Zalo ZNS answered something that is not JSON: ${text.slice(0, 200)}`);
  }
  if (answer.error !== 0) {
    throw new Error(`Zalo ZNS refused the message: error ${String(answer.error)} ${String(answer.message ?? '')}`);
  }
  return { msgId: typeof answer.data?.msg_id === 'string' ? answer.data.msg_id : null };
}

export function zaloSender(settings: ZaloSettings | null): ChannelSender {
  return async (notice, db) => {
    if (!settings) throw new NoticeRefused('Zalo is not configured (ZALO_ZNS_ACCESS_TOKEN, ZALO_ZNS_TEMPLATE_ID)');
    const prefs = await db.notificationSettings.findUnique({
      where: { userId: notice.userId },
      select: { zaloPhone: true },
    });
    if (!prefs?.zaloPhone) throw new NoticeRefused('the user has no Zalo phone number');
    const fields = notice.payload.fields;
    await sendZns(settings, {
      phone: znsPhone(prefs.zaloPhone),
      template_id: settings.templateId,
      template_data: Object.fromEntries(
        Object.entries(fields).map(([name, value]) => [name, value.slice(0, maxFieldLength)]),
      ),
      // The notice's id: Zalo reports it back with the message's delivery, to reconcile a resend.
      tracking_id: notice.id,
    });
  };
}
