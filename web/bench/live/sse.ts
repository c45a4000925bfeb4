// Server-Sent Events as an EventSource reads them (the HTML standard's "event stream"), for the
// bench's clients: text in whatever chunks the socket gives, events out once their blank line has
// come. Lines end in \n or \r\n (a lone \r, which the standard also allows, is not handled: no
// server of ours sends it); `:` lines are comments; an event with no data is not dispatched.

export type SseEvent = { type: string; data: string; id?: string };

/** A parser that calls `onEvent` for each complete event in the text pushed to it. */
export function sseParser(onEvent: (event: SseEvent) => void): (chunk: string) => void {
  let pending = '';
  let type = '';
  let data: string[] = [];
  let id: string | undefined;
  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0)
        onEvent({ type: type || 'message', data: data.join('\n'), ...(id === undefined ? {} : { id }) });
      type = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
    // `retry` and unknown fields change nothing a bench client uses.
  };
  return (chunk) => {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\n')) !== -1) {
      const text = pending.slice(0, end);
      pending = pending.slice(end + 1);
      line(text.endsWith('\r') ? text.slice(0, -1) : text);
    }
  };
}
