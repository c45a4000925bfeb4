import { DomainError } from '@seedline/db/domain-error';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { refusal } from '../errors/refusals.ts';
import { formAction } from './form-action.server.ts';
import { formView, isFormResult } from './form-result.ts';

// The form contract on a bare Request: what every page's action answers, without a server.

const schema = z.object({
  email: z.email({ error: 'errors.email' }),
  password: z.string().min(10, { error: 'errors.passwordShort' }),
  quantity: z.coerce.number().int().max(99, { error: 'cart.errors.quantity' }),
});

const post = (body: BodyInit | null, contentType = 'application/x-www-form-urlencoded') =>
  new Request('http://shop.test/form', { method: 'POST', body, headers: { 'Content-Type': contentType } });

const args = (request: Request) => ({ request, params: {}, context: {} });

/** Runs an action and reads back its answer the way a page does. */
async function answer(action: ReturnType<typeof formAction>, request: Request) {
  const result = await action(args(request));
  if (!(typeof result === 'object' && result !== null && 'init' in result && 'data' in result)) {
    throw new Error(`expected a data() answer, got ${String(result)}`);
  }
  const init = result.init;
  const status = typeof init === 'object' && init !== null && 'status' in init ? init.status : undefined;
  return { status, data: result.data, view: formView(result.data) };
}

describe('formAction', () => {
  it('answers bad input with 400, a message key per field (with its limits), and what was typed but the password', async () => {
    let ran = false;
    const action = formAction(schema, async () => {
      ran = true;
      return 'done';
    });
    const { status, data, view } = await answer(
      action,
      post(new URLSearchParams({ email: 'not-an-email', password: 'short', quantity: '100' })),
    );
    expect(ran).toBe(false);
    expect(status).toBe(400);
    expect(isFormResult(data)).toBe(true);
    expect(view.error('email')).toEqual({ key: 'errors.email', params: {} });
    expect(view.error('password')).toEqual({ key: 'errors.passwordShort', params: { min: 10 } });
    expect(view.error('quantity')).toEqual({ key: 'cart.errors.quantity', params: { max: 99 } });
    expect(view.value('email')).toBe('not-an-email');
    expect(view.value('quantity')).toBe('100');
    expect(view.value('password')).toBeUndefined();
  });

  it('hands valid input, parsed, to the handler and answers what the handler returns', async () => {
    const action = formAction(schema, async (input) => ({ ok: input.quantity * 2 }));
    const result = await action(
      args(post(new URLSearchParams({ email: 'an@example.vn', password: 'long enough', quantity: '21' }))),
    );
    expect(result).toEqual({ ok: 42 });
  });

  it("answers a rule's refusal with its status and message, beside the field the page names", async () => {
    const refusing = (error: DomainError) =>
      formAction(
        schema,
        async () => {
          throw error;
        },
        { fields: { EXCEEDS_STOCK: 'quantity' } },
      );
    const valid = () => post(new URLSearchParams({ email: 'an@example.vn', password: 'long enough', quantity: '5' }));

    const beside = await answer(refusing(refusal('EXCEEDS_STOCK', { available: 3 })), valid());
    expect(beside.status).toBe(409);
    expect(beside.view.error('quantity')).toEqual({ key: 'EXCEEDS_STOCK', params: { available: 3 } });
    expect(beside.view.formError).toBeNull();
    expect(beside.view.value('email')).toBe('an@example.vn');

    const above = await answer(refusing(new DomainError('PHI_NOT_PASSED', { phiDays: 7 })), valid());
    expect(above.status).toBe(409);
    expect(above.view.formError).toEqual({ key: 'PHI_NOT_PASSED', params: { phiDays: 7 } });
  });

  it('tells a client refused for going too fast when to come back (Retry-After)', async () => {
    const action = formAction(schema, async () => {
      throw refusal('CHECKOUT_THROTTLED', { minutes: 7 });
    });
    const valid = post(new URLSearchParams({ email: 'an@example.vn', password: 'long enough', quantity: '5' }));
    const result = await action(args(valid));
    if (!(typeof result === 'object' && result !== null && 'init' in result)) throw new Error('expected data()');
    expect(new Headers(result.init?.headers).get('Retry-After')).toBe('420');
    expect(result.init?.status).toBe(429);
  });

  it('lets an error that is not a known refusal through, to be the 500 it is', async () => {
    const failing = (error: Error) =>
      formAction(schema, async () => {
        throw error;
      });
    const valid = () => post(new URLSearchParams({ email: 'an@example.vn', password: 'long enough', quantity: '5' }));
    await expect(failing(new Error('database gone'))(args(valid()))).rejects.toThrow('database gone');
    await expect(failing(new DomainError('NO_SUCH_CODE'))(args(valid()))).rejects.toThrow('NO_SUCH_CODE');
  });

  it('reads a body that is not a form as an empty form: every field missing, no crash', async () => {
    const action = formAction(schema, async () => 'done');
    const { status, view } = await answer(action, post('{"email":"an@example.vn"}', 'application/json'));
    expect(status).toBe(400);
    expect(view.error('email')).toMatchObject({ key: 'errors.email' });
  });

  it('gives a schema message that is not a key the generic text, never the raw English', async () => {
    const action = formAction(z.object({ name: z.string().min(1) }), async () => 'done');
    const { view } = await answer(action, post(new URLSearchParams({ name: '' })));
    expect(view.error('name')).toEqual({ key: 'errors.invalid', params: { min: 1 } });
  });
});
