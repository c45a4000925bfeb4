import type { DoseUnit, InputType } from '../../generated/client.ts';

/**
 * The demo co-op's register of input products: the ones its farms' records use (demo-data.ts),
 * with their active ingredients and intervals as those records state them, and one retired product.
 * Maximum doses are per litre of spray water for sprays (labels say "per 8 or 16 L tank": the demo
 * records' 25 ml/16 L of Radiant is 1.6 ml/L) and per hectare for fertilisers and soil treatments.
 * Registration numbers are left empty: the demo has no checked copy of the official list.
 */
export type DemoInputProduct = {
  name: string;
  type: InputType;
  activeIngredient: string | null;
  phiDays: number;
  maxDose: number;
  doseUnit: DoseUnit;
  retired?: boolean;
};

export const demoRegister: DemoInputProduct[] = [
  {
    name: 'Radiant 60SC',
    type: 'PESTICIDE',
    activeIngredient: 'spinetoram',
    phiDays: 7,
    maxDose: 1.9,
    doseUnit: 'ML_PER_L',
  },
  {
    name: 'Amistar Top 325SC',
    type: 'FUNGICIDE',
    activeIngredient: 'azoxystrobin + difenoconazole',
    phiDays: 7,
    maxDose: 1.25,
    doseUnit: 'ML_PER_L',
  },
  {
    name: 'Sherpa 25EC',
    type: 'PESTICIDE',
    activeIngredient: 'cypermethrin',
    phiDays: 7,
    maxDose: 1.9,
    doseUnit: 'ML_PER_L',
  },
  {
    name: 'Ridomil Gold 68WG',
    type: 'FUNGICIDE',
    activeIngredient: 'metalaxyl-M + mancozeb',
    phiDays: 7,
    maxDose: 3.2,
    doseUnit: 'G_PER_L',
  },
  {
    name: 'Chế phẩm Trichoderma',
    type: 'BIOLOGICAL',
    activeIngredient: 'Trichoderma spp.',
    phiDays: 0,
    maxDose: 30,
    doseUnit: 'KG_PER_HA',
  },
  {
    name: 'NPK Đầu Trâu 20-20-15',
    type: 'FERTILISER',
    activeIngredient: null,
    phiDays: 0,
    maxDose: 300,
    doseUnit: 'KG_PER_HA',
  },
  {
    name: 'Regent 800WG',
    type: 'PESTICIDE',
    activeIngredient: 'fipronil',
    phiDays: 7,
    maxDose: 0.2,
    doseUnit: 'G_PER_L',
    // Fipronil is no longer allowed on vegetables: kept for old records, offered for none.
    retired: true,
  },
];
