import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Message } from '../../i18n/i18n.ts';

// The phone's outbox of farm records (IndexedDB, browser only): a record made with no network is
// kept here until it is sent, and one the server refused stays here with the reason until the
// farmer fixes or discards it. Nothing is ever dropped silently.

/** A form's field as it was posted: text, or a photo (IndexedDB keeps files as they are). */
export type KeptField = readonly [name: string, value: string | File];

export type KeptRecord = {
  /** The id the phone made for the record: the server stores a record sent twice once. */
  readonly clientId: string;
  /** Whose record: only they send it (a shared phone may have several farmers). */
  readonly userId: string;
  /** The form's address, where it is posted. */
  readonly path: string;
  readonly plantingId: string;
  readonly fields: readonly KeptField[];
  readonly keptAt: number;
  /** Set once the server refused it: why, to show beside it. */
  readonly refusal: Message | null;
};

/** What a record form says about the planting, kept so the outbox can name it without a network. */
export type PlantingLabel = { readonly plantingId: string; readonly product: string; readonly place: string };

interface OutboxSchema extends DBSchema {
  records: { key: string; value: KeptRecord; indexes: { byUser: string } };
  plantings: { key: string; value: PlantingLabel };
}

let opened: Promise<IDBPDatabase<OutboxSchema>> | undefined;

function outboxDb() {
  opened ??= openDB<OutboxSchema>('seedline-outbox', 1, {
    upgrade(db) {
      db.createObjectStore('records', { keyPath: 'clientId' }).createIndex('byUser', 'userId');
      db.createObjectStore('plantings', { keyPath: 'plantingId' });
    },
  });
  return opened;
}

/** Keeps a record (the same id again replaces it: it is the same record). */
export async function keepRecord(record: KeptRecord): Promise<void> {
  await (await outboxDb()).put('records', record);
}

export async function keptRecord(clientId: string): Promise<KeptRecord | undefined> {
  return (await outboxDb()).get('records', clientId);
}

/** The user's kept records, oldest first (the order they are sent in). */
export async function keptRecords(userId: string): Promise<KeptRecord[]> {
  const records = await (await outboxDb()).getAllFromIndex('records', 'byUser', userId);
  return records.sort((a, b) => a.keptAt - b.keptAt);
}

/** The record reached the server and is stored: it leaves the outbox. */
export async function forgetRecord(clientId: string): Promise<void> {
  await (await outboxDb()).delete('records', clientId);
}

export async function markRefused(clientId: string, refusal: Message): Promise<void> {
  const db = await outboxDb();
  const record = await db.get('records', clientId);
  if (record) await db.put('records', { ...record, refusal });
}

export async function rememberPlanting(label: PlantingLabel): Promise<void> {
  await (await outboxDb()).put('plantings', label);
}

export async function plantingLabels(): Promise<Map<string, PlantingLabel>> {
  const labels = await (await outboxDb()).getAll('plantings');
  return new Map(labels.map((label) => [label.plantingId, label]));
}

/** Tells the pages showing the outbox that it changed (in this tab). */
export function announceOutboxChange(): void {
  window.dispatchEvent(new Event(outboxChanged));
}

export const outboxChanged = 'seedline-outbox-changed';
