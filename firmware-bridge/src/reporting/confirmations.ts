import { parseJsonOrUndefined } from '../json.ts';
import type { MqttLink } from './mqtt.ts';
import { confirmationSchema, storedTopic } from './protocol.ts';
import type { Publisher } from './publisher.ts';

/**
 * Hands ingest's confirmations (`dt/seedline/{thing}/stored`, decision 038) to the publisher, which
 * then forgets those messages. One that does not parse is counted and said, and changes nothing:
 * the messages it meant are sent again and confirmed again.
 */
export function listenForConfirmations(
  link: Pick<MqttLink, 'subscribe'>,
  thing: string,
  publisher: Publisher,
  warn: (message: string) => void,
): { unreadable(): number } {
  let unreadable = 0;
  link.subscribe(storedTopic(thing), (_topic, payload) => {
    const parsed = confirmationSchema.safeParse(parseJsonOrUndefined(payload));
    if (parsed.success) return void publisher.confirm(parsed.data);
    unreadable += 1;
    warn(
      `an unreadable confirmation from ingest was ignored (${unreadable} so far): ${parsed.error.issues[0]?.message}`,
    );
  });
  return { unreadable: () => unreadable };
}
