import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { inputProductPageSchema } from '../../coop/input-product-form.ts';
import {
  deleteInputProduct,
  editInputProduct,
  inputProduct,
  retireInputProduct,
} from '../../coop/input-products.server.ts';
import { db } from '../../db.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { intentForm, useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { FormError } from '../../ui/form-error.tsx';
import { InputProductFields } from '../../ui/input-product-fields.tsx';
import { InputProductLine } from '../../ui/input-product-line.tsx';

export const meta = pageTitle('title.inputProduct');

export async function loader({ params }: LoaderFunctionArgs) {
  return { product: await inputProduct(db(), params.productId ?? '') };
}

export const action = (args: ActionFunctionArgs) =>
  formAction(
    inputProductPageSchema,
    async (form, { params }) => {
      const id = params.productId ?? '';
      if (form.intent === 'delete') {
        const product = await inputProduct(db(), id);
        await deleteInputProduct(db(), id);
        return redirect(`/coop/inputs?deleted=${encodeURIComponent(product.name)}`);
      }
      if (form.intent === 'save') {
        const { intent, ...fields } = form;
        await editInputProduct(db(), id, fields);
        return redirect(`/coop/inputs/${id}?done=${intent}`);
      }
      await retireInputProduct(db(), id, form.intent === 'retire');
      return redirect(`/coop/inputs/${id}?done=${form.intent}`);
    },
    { fields: { INPUT_PRODUCT_NAME_TAKEN: 'name' } },
  )(args);

export default function InputProduct() {
  const { product } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof inputProductPageSchema>();
  const [searchParams] = useSearchParams();
  const saving = useNavigation().state === 'submitting';
  const { t } = useI18n();
  const save = intentForm(form, 'save');
  const other = form.value('intent') === 'save' ? intentForm(form, '') : form;
  return (
    <section className="narrow input-product">
      <p>
        <Link to="/coop/inputs">← {t('inputs.back')}</Link>
      </p>
      <h1>{t('inputs.editTitle', { name: product.name })}</h1>
      {searchParams.get('done') && !form.failed ? (
        <p role="status" className="done">
          {t('inputs.saved', { name: product.name })}
        </p>
      ) : null}
      <p>
        <InputProductLine product={product} />
      </p>
      <Form method="post" noValidate>
        <FormError form={save} />
        <input type="hidden" name="intent" value="save" />
        <InputProductFields form={save} product={product} />
        <button type="submit" disabled={saving}>
          {t(saving ? 'inputs.saving' : 'inputs.save')}
        </button>
      </Form>
      <Form method="post" className="retire">
        <FormError form={other} />
        {product.retiredAt ? (
          <button type="submit" name="intent" value="restore" className="secondary">
            {t('inputs.restore')}
          </button>
        ) : (
          <>
            <p className="hint">{t('inputs.retireHint')}</p>
            <button type="submit" name="intent" value="retire" className="secondary">
              {t('inputs.retire')}
            </button>
          </>
        )}
      </Form>
      {product.uses === 0 ? (
        <Form method="post" className="delete">
          <p className="hint">{t('inputs.deleteHint')}</p>
          <button type="submit" name="intent" value="delete" className="secondary">
            {t('inputs.delete')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
