import { useFetcher } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { formView } from '../forms/form-result.ts';
import { useI18n } from '../i18n/i18n.ts';
import { registerServiceWorker } from './service-worker.ts';

// The button that has this device receive alarm notices (progressive enhancement: without
// JavaScript the page says it needs it, and the rest of the page works). It registers the service
// worker (/sw.js), asks the browser to subscribe with the server's VAPID public key, and posts the
// subscription to the page's action like a form (intent=subscribe).

type State = 'checking' | 'unsupported' | 'denied' | 'ready' | 'working' | 'enabled' | 'failed';

function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export function PushButton({ vapidPublicKey }: { vapidPublicKey: string }) {
  const { t } = useI18n();
  const fetcher = useFetcher();
  const [state, setState] = useState<State>('checking');
  const answer = formView(fetcher.data);

  useEffect(() => {
    let live = true;
    const supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
    if (!supported) {
      setState('unsupported');
      return;
    }
    if (Notification.permission === 'denied') {
      setState('denied');
      return;
    }
    // The worker also keeps the farm overview readable offline: registered on every visit here.
    registerServiceWorker()
      .then((registration) => registration?.pushManager.getSubscription())
      .then((subscription) => live && setState(subscription ? 'enabled' : 'ready'))
      .catch(() => live && setState('ready'));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (fetcher.state !== 'idle' || fetcher.data === undefined) return;
    setState(answer.failed ? 'failed' : 'enabled');
  }, [fetcher.state, fetcher.data, answer.failed]);

  const subscribe = async () => {
    setState('working');
    try {
      if ((await Notification.requestPermission()) !== 'granted') {
        setState('denied');
        return;
      }
      const registration = await registerServiceWorker();
      if (!registration) return setState('unsupported');
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: applicationServerKey(vapidPublicKey),
        }));
      const { endpoint, keys } = subscription.toJSON();
      fetcher.submit(
        { intent: 'subscribe', endpoint: endpoint ?? '', p256dh: keys?.p256dh ?? '', auth: keys?.auth ?? '' },
        { method: 'post' },
      );
    } catch (error) {
      console.error('Push subscription failed', error);
      setState('failed');
    }
  };

  if (state === 'checking') return null;
  if (state === 'unsupported') return <p className="hint">{t('notifications.pushUnsupported')}</p>;
  if (state === 'denied') return <p className="hint">{t('notifications.pushDenied')}</p>;
  return (
    <div className="push-device">
      {state === 'enabled' ? (
        <p role="status" className="done">
          {t('notifications.pushEnabled')}
        </p>
      ) : (
        <button type="button" className="secondary" onClick={subscribe} disabled={state === 'working'}>
          {t(state === 'working' ? 'notifications.pushWorking' : 'notifications.pushEnable')}
        </button>
      )}
      {state === 'failed' ? (
        <p className="field-error" role="alert">
          {t('notifications.errors.subscription')}
        </p>
      ) : null}
    </div>
  );
}
