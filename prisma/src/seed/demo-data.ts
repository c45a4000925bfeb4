import type { InputType, OrderStatus, ProductCategory, Role, SaleUnit } from '../../generated/client.ts';
import type { DemoZoneSettings } from './demo-irrigation.ts';

// A cooperative in Thanh Hóa with three member farms. Communes are named as after the July 2025
// reform (no district level). Day counts are relative to the day the seed runs.

type DemoProduct = {
  slug: string;
  /** GTIN-13 without its check digit: GS1 Vietnam prefix 893, company, item. */
  gtinBody: string;
  nameVi: string;
  nameEn: string;
  category: ProductCategory;
  unit: SaleUnit;
  descriptionVi: string;
  descriptionEn: string;
  /** The bridge's name of the FAO-56 crop (firmware-bridge/src/sim/crop.ts), if it has one. */
  fao56Crop: string | null;
};

export const demoProducts: DemoProduct[] = [
  {
    slug: 'dua-luoi',
    gtinBody: '893604512001',
    nameVi: 'Dưa lưới',
    nameEn: 'Netted melon',
    category: 'FRUIT',
    unit: 'PIECE',
    descriptionVi: 'Dưa lưới ruột cam trồng trong nhà màng, tưới nhỏ giọt tự động.',
    descriptionEn: 'Orange-fleshed netted melon grown in a net house on automatic drip irrigation.',
    fao56Crop: 'melon',
  },
  {
    slug: 'ca-chua-bi',
    gtinBody: '893604512002',
    nameVi: 'Cà chua bi',
    nameEn: 'Cherry tomato',
    category: 'FRUIT_VEGETABLE',
    unit: 'PACK',
    descriptionVi: 'Cà chua bi đỏ, hộp 500 g.',
    descriptionEn: 'Red cherry tomatoes, 500 g punnet.',
    fao56Crop: 'cherry-tomato',
  },
  {
    slug: 'dua-chuot',
    gtinBody: '893604512003',
    nameVi: 'Dưa chuột',
    nameEn: 'Cucumber',
    category: 'FRUIT_VEGETABLE',
    unit: 'PACK',
    descriptionVi: 'Dưa chuột baby giòn, túi 1 kg.',
    descriptionEn: 'Crisp baby cucumbers, 1 kg bag.',
    fao56Crop: null,
  },
  {
    slug: 'cai-xanh',
    gtinBody: '893604512004',
    nameVi: 'Cải xanh',
    nameEn: 'Mustard greens',
    category: 'LEAFY_GREEN',
    unit: 'BUNCH',
    descriptionVi: 'Cải xanh non, bó 300 g.',
    descriptionEn: 'Young mustard greens, 300 g bunch.',
    fao56Crop: null,
  },
  {
    slug: 'xa-lach',
    gtinBody: '893604512005',
    nameVi: 'Xà lách',
    nameEn: 'Lettuce',
    category: 'LEAFY_GREEN',
    unit: 'PACK',
    descriptionVi: 'Xà lách lô lô xanh thủy canh, túi 300 g.',
    descriptionEn: 'Hydroponic green lollo lettuce, 300 g bag.',
    fao56Crop: null,
  },
];

// The Xuân Hòa net house is the one the demo bridge runs (firmware-bridge/config/example.json,
// zones z1 and z2): the same areas and settings, so its readings and bands agree here. Bands sit
// inside each soil's readily available water (see firmware-bridge/bench/README.md).
const window = [{ from: '05:00', to: '18:00' }];
const sandyLoamMelon = {
  moistureLow: 19.6,
  moistureHigh: 21.8,
  maxRunMinutes: 60,
  minSoakMinutes: 30,
  dailyBudgetLitres: 1200,
  windows: window,
};
const loamMelon = { ...sandyLoamMelon, moistureLow: 22.1, moistureHigh: 24.6, dailyBudgetLitres: 900 };
const vegSettings = { ...loamMelon, maxRunMinutes: 30, dailyBudgetLitres: 3000 };

export type DemoSale = {
  reference: string;
  buyerEmail: string | null;
  contactName: string;
  contactPhone: string;
  quantity: number;
  /** Every demo sale is a pickup: demo.ts writes each step it took to this status. */
  status: Extract<OrderStatus, 'PAID' | 'CONFIRMED' | 'DELIVERED'>;
};

type DemoPlanting = {
  zone: string;
  product: string;
  seed: {
    supplier: string;
    variety: string;
    lotNumber: string;
    quantity: number;
    quantityUnit: 'seeds' | 'g';
    certificateNumber: string;
  };
  sownDaysAgo: number;
  transplantedDaysAgo: number | null;
  cropDays: number;
  sowingNote: string;
  inputs: {
    daysAgo: number;
    type: InputType;
    product: string;
    activeIngredient: string | null;
    dose: string;
    phiDays: number | null;
    note?: string;
  }[];
  observations: { daysAgo: number; note: string }[];
  harvest: {
    daysAgo: number;
    weightGrams: number;
    packs: number;
    packWeightGrams: number | null;
    shelfLifeDays: number;
    priceVnd: number;
    note: string;
    sales: DemoSale[];
  } | null;
  correction?: { inputProduct: string; dose: string; note: string };
};

type DemoFarm = {
  code: string;
  name: string;
  commune: string;
  address: string;
  latitude: number;
  longitude: number;
  phone: string;
  certifications: { scheme: string; number: string; issuedBy: string; issuedDaysAgo: number }[];
  greenhouses: {
    name: string;
    thingName: string;
    areaM2: number;
    zones: { key: string; name: string; areaM2: number; crop: string; settings: DemoZoneSettings }[];
  }[];
  plantings: DemoPlanting[];
};

const npk = {
  type: 'FERTILISER' as const,
  product: 'NPK Đầu Trâu 20-20-15',
  activeIngredient: null,
  dose: '2 kg/1000 m² qua hệ thống tưới',
  phiDays: null,
};

export const demoFarms: DemoFarm[] = [
  {
    code: 'XH',
    name: 'Trang trại dưa lưới Xuân Hòa',
    commune: 'xã Thọ Xuân',
    address: 'Thôn Phú Xá',
    latitude: 19.9352,
    longitude: 105.4457,
    phone: '0912 345 671',
    certifications: [
      {
        scheme: 'VIETGAP',
        number: 'VietGAP-TT-24-05-38-0112',
        issuedBy: 'Trung tâm Chứng nhận Phù hợp (QUACERT)',
        issuedDaysAgo: 400,
      },
    ],
    greenhouses: [
      {
        name: 'Nhà màng số 1',
        thingName: 'seedline-xh-nm1',
        areaM2: 1000,
        zones: [
          { key: 'z1', name: 'Luống A', areaM2: 120, crop: 'Dưa lưới', settings: sandyLoamMelon },
          { key: 'z2', name: 'Luống B', areaM2: 90, crop: 'Dưa lưới', settings: loamMelon },
        ],
      },
    ],
    plantings: [
      {
        zone: 'seedline-xh-nm1/z1',
        product: 'dua-luoi',
        seed: {
          supplier: 'Công ty TNHH Hạt giống Trang Nông',
          variety: 'Dưa lưới F1 TL3',
          lotNumber: 'TN-DL-2608-114',
          quantity: 1200,
          quantityUnit: 'seeds',
          certificateNumber: 'CN-GCT-2026/0871',
        },
        sownDaysAgo: 78,
        transplantedDaysAgo: 66,
        cropDays: 75,
        sowingNote: 'Gieo khay 50 lỗ, giá thể xơ dừa và phân trùn',
        inputs: [
          { ...npk, daysAgo: 60 },
          { ...npk, daysAgo: 40 },
          {
            daysAgo: 24,
            type: 'PESTICIDE',
            product: 'Radiant 60SC',
            activeIngredient: 'spinetoram',
            dose: '25 ml/bình 16 lít',
            phiDays: 7,
            note: 'Bọ trĩ xuất hiện rải rác ở luống A',
          },
          {
            daysAgo: 14,
            type: 'FUNGICIDE',
            product: 'Amistar Top 325SC',
            activeIngredient: 'azoxystrobin + difenoconazole',
            dose: '10 ml/bình 16 lít',
            phiDays: 7,
            note: 'Phòng phấn trắng sau mưa',
          },
        ],
        observations: [
          { daysAgo: 50, note: 'Cây phát triển đều, bắt đầu bấm ngọn' },
          { daysAgo: 30, note: 'Đậu quả, để 1 quả/cây' },
        ],
        harvest: {
          daysAgo: 3,
          weightGrams: 380_000,
          packs: 240,
          packWeightGrams: null,
          shelfLifeDays: 10,
          priceVnd: 85_000,
          note: 'Độ Brix trung bình 14',
          sales: [
            {
              reference: 'SL-DEMO01',
              buyerEmail: 'khachhang@example.vn',
              contactName: 'Lê Thị Hoa',
              contactPhone: '0987 654 321',
              quantity: 2,
              status: 'DELIVERED',
            },
            {
              reference: 'SL-DEMO02',
              buyerEmail: null,
              contactName: 'Nguyễn Văn Nam',
              contactPhone: '0903 112 233',
              quantity: 1,
              status: 'CONFIRMED',
            },
          ],
        },
        correction: {
          inputProduct: 'Amistar Top 325SC',
          dose: '8 ml/bình 16 lít',
          note: 'Sửa liều lượng: ghi nhầm 10 ml, thực tế pha 8 ml',
        },
      },
      {
        zone: 'seedline-xh-nm1/z2',
        product: 'dua-luoi',
        seed: {
          supplier: 'Công ty TNHH Hạt giống Trang Nông',
          variety: 'Dưa lưới F1 TL3',
          lotNumber: 'TN-DL-2609-027',
          quantity: 1200,
          quantityUnit: 'seeds',
          certificateNumber: 'CN-GCT-2026/0871',
        },
        sownDaysAgo: 52,
        transplantedDaysAgo: 40,
        cropDays: 75,
        sowingNote: 'Gieo khay 50 lỗ',
        inputs: [
          { ...npk, daysAgo: 30 },
          {
            daysAgo: 2,
            type: 'PESTICIDE',
            product: 'Radiant 60SC',
            activeIngredient: 'spinetoram',
            dose: '25 ml/bình 16 lít',
            phiDays: 7,
            note: 'Bọ trĩ trên lá non',
          },
        ],
        observations: [{ daysAgo: 10, note: 'Quả bắt đầu tạo lưới' }],
        harvest: null,
      },
    ],
  },
  {
    code: 'YD',
    name: 'HTX Rau an toàn Yên Định',
    commune: 'xã Yên Định',
    address: 'Thôn Phúc Thịnh',
    latitude: 20.0025,
    longitude: 105.6238,
    phone: '0915 222 468',
    certifications: [
      {
        scheme: 'VIETGAP',
        number: 'VietGAP-TT-25-02-38-0031',
        issuedBy: 'Chi cục Trồng trọt và BVTV Thanh Hóa',
        issuedDaysAgo: 280,
      },
    ],
    greenhouses: [
      {
        name: 'Nhà lưới Phúc Thịnh',
        thingName: 'seedline-yd-nl1',
        areaM2: 1500,
        zones: [
          { key: 'z1', name: 'Khu cà chua', areaM2: 700, crop: 'Cà chua bi', settings: vegSettings },
          { key: 'z2', name: 'Khu dưa chuột', areaM2: 700, crop: 'Dưa chuột', settings: vegSettings },
        ],
      },
    ],
    plantings: [
      {
        zone: 'seedline-yd-nl1/z1',
        product: 'ca-chua-bi',
        seed: {
          supplier: 'Công ty CP Giống cây trồng Miền Nam (SSC)',
          variety: 'Cà chua bi đỏ F1 TM 2019',
          lotNumber: 'SSC-CC-26-0415',
          quantity: 2000,
          quantityUnit: 'seeds',
          certificateNumber: 'QĐ-CNLH-1123/TT',
        },
        sownDaysAgo: 95,
        transplantedDaysAgo: 75,
        cropDays: 90,
        sowingNote: 'Gieo bầu, che lưới chống côn trùng',
        inputs: [
          { ...npk, daysAgo: 60 },
          {
            daysAgo: 20,
            type: 'BIOLOGICAL',
            product: 'Chế phẩm Trichoderma',
            activeIngredient: 'Trichoderma spp.',
            dose: '1 kg/500 m² tưới gốc',
            phiDays: 0,
          },
          {
            daysAgo: 16,
            type: 'PESTICIDE',
            product: 'Sherpa 25EC',
            activeIngredient: 'cypermethrin',
            dose: '15 ml/bình 16 lít',
            phiDays: 7,
            note: 'Sâu xanh đục quả',
          },
        ],
        observations: [{ daysAgo: 25, note: 'Chùm quả đầu chín đỏ' }],
        harvest: {
          daysAgo: 2,
          weightGrams: 60_000,
          packs: 110,
          packWeightGrams: 500,
          shelfLifeDays: 7,
          priceVnd: 35_000,
          note: 'Thu chùm quả chín đều',
          sales: [
            {
              reference: 'SL-DEMO03',
              buyerEmail: 'khachhang@example.vn',
              contactName: 'Lê Thị Hoa',
              contactPhone: '0987 654 321',
              quantity: 3,
              status: 'PAID',
            },
          ],
        },
      },
      {
        zone: 'seedline-yd-nl1/z2',
        product: 'dua-chuot',
        seed: {
          supplier: 'Rijk Zwaan Việt Nam',
          variety: 'Dưa chuột baby Bonbon RZ',
          lotNumber: 'RZ-22-40817',
          quantity: 1000,
          quantityUnit: 'seeds',
          certificateNumber: 'ISTA-NL-2026-55102',
        },
        sownDaysAgo: 48,
        transplantedDaysAgo: null,
        cropDays: 45,
        sowingNote: 'Gieo thẳng vào luống, 2 hạt/hốc',
        inputs: [
          { ...npk, daysAgo: 30 },
          {
            daysAgo: 9,
            type: 'FUNGICIDE',
            product: 'Ridomil Gold 68WG',
            activeIngredient: 'metalaxyl-M + mancozeb',
            dose: '50 g/bình 16 lít',
            phiDays: 7,
            note: 'Phòng sương mai',
          },
        ],
        observations: [],
        harvest: {
          daysAgo: 1,
          weightGrams: 55_000,
          packs: 50,
          packWeightGrams: 1000,
          shelfLifeDays: 6,
          priceVnd: 25_000,
          note: 'Thu quả dài 12–15 cm',
          sales: [],
        },
      },
    ],
  },
  {
    code: 'HH',
    name: 'Vườn rau thủy canh Hoằng Hóa',
    commune: 'xã Hoằng Hóa',
    address: 'Thôn Đông Thành',
    latitude: 19.8608,
    longitude: 105.8564,
    phone: '0936 789 012',
    certifications: [
      {
        scheme: 'VIETGAP',
        number: 'VietGAP-TT-25-07-38-0204',
        issuedBy: 'Trung tâm Chứng nhận Phù hợp (QUACERT)',
        issuedDaysAgo: 120,
      },
    ],
    greenhouses: [
      {
        name: 'Nhà lưới rau ăn lá',
        thingName: 'seedline-hh-nl1',
        areaM2: 800,
        zones: [
          { key: 'z1', name: 'Giàn cải', areaM2: 380, crop: 'Cải xanh', settings: vegSettings },
          { key: 'z2', name: 'Giàn xà lách', areaM2: 380, crop: 'Xà lách', settings: vegSettings },
        ],
      },
    ],
    plantings: [
      {
        zone: 'seedline-hh-nl1/z1',
        product: 'cai-xanh',
        seed: {
          supplier: 'Công ty TNHH Hạt giống Phú Nông',
          variety: 'Cải xanh mỡ PN 456',
          lotNumber: 'PN-CX-2610-33',
          quantity: 200,
          quantityUnit: 'g',
          certificateNumber: 'QĐ-456/PN-2025',
        },
        sownDaysAgo: 32,
        transplantedDaysAgo: null,
        cropDays: 30,
        sowingNote: 'Gieo vãi trên giá thể',
        inputs: [
          {
            daysAgo: 15,
            type: 'FERTILISER',
            product: 'Dinh dưỡng thủy canh Hydro Umat V',
            activeIngredient: null,
            dose: 'EC 1,6 mS/cm',
            phiDays: null,
          },
        ],
        observations: [{ daysAgo: 7, note: 'Lá xanh đậm, không sâu bệnh' }],
        harvest: {
          daysAgo: 0,
          weightGrams: 24_000,
          packs: 80,
          packWeightGrams: 300,
          shelfLifeDays: 3,
          priceVnd: 15_000,
          note: 'Thu sáng sớm, làm mát ngay',
          sales: [],
        },
      },
      {
        zone: 'seedline-hh-nl1/z2',
        product: 'xa-lach',
        seed: {
          supplier: 'Rijk Zwaan Việt Nam',
          variety: 'Xà lách Lollo Bionda RZ',
          lotNumber: 'RZ-79-11203',
          quantity: 5000,
          quantityUnit: 'seeds',
          certificateNumber: 'ISTA-NL-2026-49877',
        },
        sownDaysAgo: 20,
        transplantedDaysAgo: 8,
        cropDays: 40,
        sowingNote: 'Gieo viên nén xơ dừa',
        inputs: [],
        observations: [{ daysAgo: 3, note: 'Cây con bén rễ tốt' }],
        harvest: null,
      },
    ],
  },
];

export const demoUsers: { email: string; name: string; phone: string; role: Role; farmCode: string | null }[] = [
  { email: 'admin@seedline.vn', name: 'Trịnh Quang Minh', phone: '0904 000 001', role: 'ADMIN', farmCode: null },
  { email: 'nhanvien@seedline.vn', name: 'Phạm Thu Trang', phone: '0904 000 002', role: 'STAFF', farmCode: null },
  { email: 'nongdan.xh@seedline.vn', name: 'Lê Văn Hòa', phone: '0912 345 671', role: 'FARMER', farmCode: 'XH' },
  { email: 'nongdan.yd@seedline.vn', name: 'Nguyễn Thị Lan', phone: '0915 222 468', role: 'FARMER', farmCode: 'YD' },
  { email: 'nongdan.hh@seedline.vn', name: 'Hoàng Văn Đức', phone: '0936 789 012', role: 'FARMER', farmCode: 'HH' },
  { email: 'khachhang@example.vn', name: 'Lê Thị Hoa', phone: '0987 654 321', role: 'BUYER', farmCode: null },
];
