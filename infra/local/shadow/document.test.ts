import { describe, expect, it } from 'vitest';
import { applyUpdate, deltaOf, stateForGet, type ShadowDocument } from './document.ts';

function accepted(previous: ShadowDocument | null, request: unknown) {
  const result = applyUpdate(previous, request);
  if (!result.ok) throw new Error(`rejected: ${result.rejection.message}`);
  return result;
}

describe('shadow updates, as AWS IoT applies them', () => {
  it('creates the document at version 1 and raises the version by one per update', () => {
    const first = accepted(null, { state: { reported: { zones: { z1: { low: 20 } } } } });
    expect(first.document).toEqual({ desired: null, reported: { zones: { z1: { low: 20 } } }, version: 1 });
    expect(accepted(first.document, { state: { reported: { x: 1 } } }).document.version).toBe(2);
  });

  it('merges objects key by key, replaces arrays and deletes on null', () => {
    const base: ShadowDocument = {
      desired: { zones: { z1: { low: 20, high: 28, windows: [{ from: '05:00', to: '18:00' }] }, z2: { low: 1 } } },
      reported: null,
      version: 3,
    };
    const next = accepted(base, { state: { desired: { zones: { z1: { low: 22, windows: [] }, z2: null } } } });
    expect(next.document.desired).toEqual({ zones: { z1: { low: 22, high: 28, windows: [] } } });
    expect(accepted(next.document, { state: { desired: null } }).document.desired).toBeNull();
  });

  it('gives the delta of desired over reported when desired changes, and none for reported-only updates', () => {
    const doc: ShadowDocument = { desired: null, reported: { zones: { z1: { low: 20, high: 28 } } }, version: 1 };
    const change = accepted(doc, { state: { desired: { zones: { z1: { low: 22, high: 28 } } } } });
    expect(change.delta).toEqual({ zones: { z1: { low: 22 } } });
    const confirm = accepted(change.document, { state: { reported: { zones: { z1: { low: 22 } } } } });
    expect(confirm.delta).toBeNull();
    expect(stateForGet(confirm.document).delta).toBeUndefined();
  });

  it('compares objects without regard to key order', () => {
    expect(deltaOf({ w: [{ from: 'a', to: 'b' }] }, { w: [{ to: 'b', from: 'a' }] })).toBeNull();
    expect(deltaOf({ w: [{ from: 'a', to: 'b' }] }, { w: [{ to: 'c', from: 'a' }] })).toEqual({
      w: [{ from: 'a', to: 'b' }],
    });
  });

  it.each([
    [{}, 400, /state/],
    [{ state: { wanted: {} } }, 400, /wanted/],
    [{ state: { desired: 5 } }, 400, /desired/],
    [{ state: { desired: {} }, version: 7 }, 409, /Version/],
    [{ state: { desired: { big: 'x'.repeat(9000) } } }, 413, /size/],
  ])('refuses %j with %i', (request, code, message) => {
    const doc: ShadowDocument = { desired: null, reported: null, version: 2 };
    const result = applyUpdate(doc, request);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.rejection.code).toBe(code);
      expect(result.rejection.message).toMatch(message);
    }
  });
});
