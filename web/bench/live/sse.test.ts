import { describe, expect, it } from 'vitest';
import { type SseEvent, sseParser } from './sse.ts';

const parse = (...chunks: string[]) => {
  const events: SseEvent[] = [];
  const push = sseParser((event) => events.push(event));
  for (const chunk of chunks) push(chunk);
  return events;
};

describe('the bench clients’ Server-Sent-Events parser', () => {
  it('dispatches an event with its type and data once its blank line arrives', () => {
    expect(parse('event: zones\ndata: [1,2]\n')).toEqual([]);
    expect(parse('event: zones\ndata: [1,2]\n\n')).toEqual([{ type: 'zones', data: '[1,2]' }]);
  });

  it('puts an event together from chunks split anywhere, also inside a line and inside \\r\\n', () => {
    const stream = 'event: zones\r\ndata: {"a":1}\r\n\r\nevent: change\r\ndata: {}\r\n\r\n';
    for (let cut = 1; cut < stream.length; cut++) {
      expect(parse(stream.slice(0, cut), stream.slice(cut))).toEqual([
        { type: 'zones', data: '{"a":1}' },
        { type: 'change', data: '{}' },
      ]);
    }
  });

  it('ignores comments and retry, joins data lines with \\n and calls an untyped event "message"', () => {
    expect(parse('retry: 3000\n\n: still here\n\ndata: a\ndata:b\nid: 7\n\n')).toEqual([
      { type: 'message', data: 'a\nb', id: '7' },
    ]);
  });

  it('does not dispatch an event without data, and starts each event with a fresh type', () => {
    expect(parse('event: zones\n\ndata: x\n\n')).toEqual([{ type: 'message', data: 'x' }]);
  });
});
