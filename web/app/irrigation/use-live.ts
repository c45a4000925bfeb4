import { useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import type { LiveEvent } from './live-feed.server.ts';

// The page's side of the live feed (routes/farm/live.ts): new live values replace the loaded ones
// as they come; any other change reloads the page's data. Without JavaScript (or EventSource) the
// page is what it loaded, and works as plain forms and links.

type Zones = Extract<LiveEvent, { type: 'zones' }>['zones'];
/** A zone's live values as they come over the wire (times as ISO strings). */
export type LiveZoneValues = Omit<Zones[number], 'at'> & { at: Date | string };
/** A zone's live values as a page shows them, loaded or live. */
export type LiveView = Omit<LiveZoneValues, 'zoneId'>;

/** Reloads of the page's data wait this long, so a burst of changes costs one. */
const RELOAD_AFTER_MS = 300;

export function useLiveGreenhouses(greenhouseIds: readonly string[]): Readonly<Record<string, LiveZoneValues>> {
  const [zones, setZones] = useState<Record<string, LiveZoneValues>>({});
  const { revalidate } = useRevalidator();
  const reload = useRef(revalidate);
  reload.current = revalidate;
  const ids = greenhouseIds.join(',');
  useEffect(() => {
    if (!ids || typeof EventSource === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sources = ids.split(',').map((id) => {
      const source = new EventSource(`/farm/live/${encodeURIComponent(id)}`);
      source.addEventListener('zones', (event) => {
        const incoming = JSON.parse((event as MessageEvent<string>).data) as LiveZoneValues[];
        setZones((known) => ({ ...known, ...Object.fromEntries(incoming.map((zone) => [zone.zoneId, zone])) }));
      });
      source.addEventListener('change', () => {
        clearTimeout(timer);
        timer = setTimeout(() => reload.current(), RELOAD_AFTER_MS);
      });
      return source;
    });
    return () => {
      clearTimeout(timer);
      for (const source of sources) source.close();
    };
  }, [ids]);
  return zones;
}

/** The newer of what the page loaded and what came live. */
export function newer<L extends { at: Date | string }>(loaded: L | null, live: L | undefined): L | null {
  if (!live) return loaded;
  if (!loaded) return live;
  return new Date(live.at).getTime() >= new Date(loaded.at).getTime() ? live : loaded;
}
