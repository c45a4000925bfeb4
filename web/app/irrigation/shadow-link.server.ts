// How pages reach the greenhouses' shadows: the server hands the app ingest's MQTT link once
// (web/server/main.ts), as it hands it the database; without ingest, every change is refused as
// "the greenhouse cannot be reached", which is the truth.

/** Sends `{ state: { desired } }` to the thing's shadow; resolves once the broker has it. */
export type DesiredPublisher = (thing: string, desired: Record<string, unknown>) => Promise<void>;

const key = Symbol.for('seedline.shadow-publisher');
type Holder = { [key]?: DesiredPublisher };

export function setDesiredPublisher(publish: DesiredPublisher | undefined): void {
  (globalThis as Holder)[key] = publish;
}

/** The process's link to the shadows; refuses every send when there is none. */
export const desiredPublisher: DesiredPublisher = (thing, desired) => {
  const publish = (globalThis as Holder)[key];
  if (!publish) return Promise.reject(new Error('no link to the broker (ingest is not configured)'));
  return publish(thing, desired);
};
