// What the zone page's settings form shows, shared by the page (client) and its schema (server).

/** As many watering windows as the form shows (the bridge takes up to 8). */
export const WINDOW_SLOTS = 3;
