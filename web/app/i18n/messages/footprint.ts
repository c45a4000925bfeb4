import { catalog } from './catalog.ts';

// The water footprint of a batch (decision 024). A figure and its unit never part at a line end
// (a no-break space between them). Translated on the server only
// (shop/water-footprint-text.ts): the batch page ships its lines as text, not this catalogue, so
// the page most buyers land on stays inside its JavaScript budget.
export const footprint = catalog(
  'footprint',
  {
    'footprint.title': 'Dấu chân nước',
    'footprint.measured': 'Nước tưới đo được',
    'footprint.estimate': 'Ước tính FAO-56 cho cùng loại cây',
    'footprint.perKg': '{litres}\u00a0lít/kg',
    'footprint.atLeast': 'ít nhất {litres}\u00a0lít/kg',
    'footprint.hoursShare': '(có số liệu {percent}% số giờ)',
    'footprint.daysShare': '(có nhiệt độ {percent}% số ngày)',
    'footprint.basis': 'Nước tưới đo ở khu trồng trong {days} ngày ({from} – {to}), chia cho {kg} kg thu hoạch.',
    'footprint.basisShared':
      'Nước tưới đo ở khu trồng trong {days} ngày ({from} – {to}), chia đều cho {kg} kg của cả {count} lần thu hoạch từ lứa trồng này.',
    'footprint.method':
      'Ước tính FAO-56: nhu cầu nước của cây ETc = Kc × ET0 qua các giai đoạn sinh trưởng, ET0 theo Hargreaves từ nhiệt độ đo trong nhà, trên {area}\u00a0m² của khu trồng. Số liệu thiếu không được bù thêm.',
    'footprint.noPeriod': 'Không có ngày gieo hoặc ngày trồng nên không tính được dấu chân nước.',
    'footprint.unknown.noHarvestWeight': 'chưa có khối lượng thu hoạch',
    'footprint.unknown.noRollUps': 'không có số liệu tưới đo được',
    'footprint.unknown.noCrop': 'chưa có hệ số cây trồng FAO-56 cho loại cây này',
    'footprint.unknown.noArea': 'khu trồng chưa có diện tích',
    'footprint.unknown.noLatitude': 'trang trại chưa có vĩ độ',
    'footprint.unknown.noTemperature': 'không đủ số liệu nhiệt độ',
  },
  {
    'footprint.title': 'Water footprint',
    'footprint.measured': 'Irrigation measured',
    'footprint.estimate': 'FAO-56 estimate for the same crop',
    'footprint.perKg': '{litres}\u00a0L/kg',
    'footprint.atLeast': 'at least {litres}\u00a0L/kg',
    'footprint.hoursShare': '({percent}% of hours measured)',
    'footprint.daysShare': '({percent}% of days with temperatures)',
    'footprint.basis':
      'Irrigation metered in the zone over {days} days ({from} – {to}), divided by the {kg} kg harvested.',
    'footprint.basisShared':
      'Irrigation metered in the zone over {days} days ({from} – {to}), shared over the {kg} kg of all {count} harvests of this planting.',
    'footprint.method':
      "FAO-56 estimate: the crop's water need ETc = Kc × ET0 through its growth stages, ET0 by Hargreaves from the temperatures measured in the house, over the zone's {area}\u00a0m². Missing data is never filled in.",
    'footprint.noPeriod': 'There is no sowing or transplanting date, so the water footprint cannot be worked out.',
    'footprint.unknown.noHarvestWeight': 'no harvest weight on record',
    'footprint.unknown.noRollUps': 'no irrigation was measured',
    'footprint.unknown.noCrop': 'no FAO-56 crop coefficients on record for this crop',
    'footprint.unknown.noArea': 'the zone has no area on record',
    'footprint.unknown.noLatitude': "the farm's latitude is not on record",
    'footprint.unknown.noTemperature': 'not enough temperature data',
  },
);
