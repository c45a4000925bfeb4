import type { ProductCategory, SaleUnit } from '../../generated/client.ts';

/** What a listing shows the buyer; staff write it in both languages (issue 12). */
export type ListingTexts = {
  titleVi: string;
  titleEn: string;
  descriptionVi: string;
  descriptionEn: string;
  unit: SaleUnit;
  category: ProductCategory;
};

type ProductTexts = Pick<ListingTexts, 'unit' | 'category'> & {
  nameVi: string;
  nameEn: string;
  descriptionVi: string | null;
  descriptionEn: string | null;
};

/** A new listing's texts before staff write their own: its product's. */
export function listingTextsOf(product: ProductTexts): ListingTexts {
  return {
    titleVi: product.nameVi,
    titleEn: product.nameEn,
    descriptionVi: product.descriptionVi ?? '',
    descriptionEn: product.descriptionEn ?? '',
    unit: product.unit,
    category: product.category,
  };
}
