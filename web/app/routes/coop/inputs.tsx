import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { inputProductSchema } from '../../coop/input-product-form.ts';
import { addInputProduct, inputRegister } from '../../coop/input-products.server.ts';
import { db } from '../../db.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { InputProductFields } from '../../ui/input-product-fields.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { InputProductLine } from '../../ui/input-product-line.tsx';

export const meta = pageTitle('title.inputs');

export async function loader() {
  return { products: await inputRegister(db()) };
}

export const action = formAction(
  inputProductSchema,
  async (form) => {
    const product = await addInputProduct(db(), form);
    return redirect(`/coop/inputs?added=${product.id}#p-${product.id}`);
  },
  { fields: { INPUT_PRODUCT_NAME_TAKEN: 'name' } },
);

export default function Inputs() {
  const { products } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof inputProductSchema>();
  const [searchParams] = useSearchParams();
  const saving = useNavigation().state === 'submitting';
  const { t } = useI18n();
  const added = products.find((p) => p.id === searchParams.get('added'));
  return (
    <section className="inputs">
      <h1>{t('inputs.title')}</h1>
      <p>{t('inputs.intro')}</p>
      {added && !form.failed ? (
        <p role="status" className="done">
          {t('inputs.added', { name: added.name })}
        </p>
      ) : null}
      {searchParams.get('deleted') && !form.failed ? (
        <p role="status" className="done">
          {t('inputs.deleted', { name: searchParams.get('deleted') })}
        </p>
      ) : null}
      {products.length === 0 ? <p>{t('inputs.empty')}</p> : null}
      <ul className="input-register">
        {products.map((product) => (
          <li key={product.id} id={`p-${product.id}`} className={product.retiredAt ? 'retired' : undefined}>
            <InputProductLine product={product} />{' '}
            <Link to={`/coop/inputs/${product.id}`} aria-label={`${t('inputs.edit')}: ${product.name}`}>
              {t('inputs.edit')}
            </Link>
          </li>
        ))}
      </ul>
      <h2 id="add">{t('inputs.add')}</h2>
      <Form method="post" noValidate aria-labelledby="add" className="narrow">
        <FormError form={form} />
        <InputProductFields form={form} />
        <button type="submit" disabled={saving}>
          {t(saving ? 'inputs.adding' : 'inputs.add')}
        </button>
      </Form>
    </section>
  );
}
