import { Form, Link } from '@remix-run/react';
import { useI18n } from '../i18n/i18n.ts';
import type { CatalogueQuery } from '../shop/catalogue-query.ts';
import { sortOrders } from '../shop/catalogue-sort.ts';
import type { Facets } from '../shop/catalogue.ts';
import { certificationName } from './batch-card.tsx';

/** Search, filters and sort as a GET form: the choices go into the URL, with or without JavaScript. */
export function CatalogueFilters({ query, facets }: { query: CatalogueQuery; facets: Facets }) {
  const { t } = useI18n();
  const filtered = query.q !== '' || query.category || query.farm || query.cert || query.sort !== 'newest';
  return (
    // Keyed by the query so the fields show the URL's values after back and forward.
    <Form
      method="get"
      action="/"
      role="search"
      aria-label={t('catalogue.filters')}
      className="filters"
      key={JSON.stringify(query)}
    >
      <div className="field filter-search">
        <label htmlFor="q">{t('catalogue.search')}</label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder={t('catalogue.searchHint')}
          maxLength={100}
          enterKeyHint="search"
        />
      </div>
      <div className="field">
        <label htmlFor="category">{t('catalogue.category')}</label>
        <select id="category" name="category" defaultValue={query.category ?? ''}>
          <option value="">{t('catalogue.any')}</option>
          {facets.categories.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="farm">{t('catalogue.farm')}</label>
        <select id="farm" name="farm" defaultValue={query.farm ?? ''}>
          <option value="">{t('catalogue.any')}</option>
          {facets.farms.map((farm) => (
            <option key={farm.code} value={farm.code}>
              {farm.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="cert">{t('catalogue.cert')}</label>
        <select id="cert" name="cert" defaultValue={query.cert ?? ''}>
          <option value="">{t('catalogue.any')}</option>
          {facets.certifications.map((scheme) => (
            <option key={scheme} value={scheme}>
              {certificationName(t, scheme)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="sort">{t('catalogue.sort')}</label>
        <select id="sort" name="sort" defaultValue={query.sort}>
          {sortOrders.map((s) => (
            <option key={s} value={s}>
              {t(`catalogue.sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-actions">
        <button type="submit">{t('catalogue.apply')}</button>
        {filtered ? <Link to="/">{t('catalogue.clear')}</Link> : null}
      </div>
    </Form>
  );
}
