import { catalog } from './catalog.ts';

// The recall: its exports and the action on the co-op's recall screen (/coop, coop/recall/), and
// the email each affected buyer receives.
export const recall = catalog(
  'recall',
  {
    'recall.exports': 'Hồ sơ truy xuất của lô',
    'recall.epcis': 'Tải EPCIS 2.0 (JSON-LD)',
    'recall.fsma': 'Tải bảng FSMA 204 (CSV)',
    'recall.fsmaXlsx': 'Tải bảng FSMA 204 (Excel)',
    'recall.act': 'Thu hồi',
    'recall.actIntro':
      'Thu hồi sẽ gỡ các sản phẩm khỏi cửa hàng, hủy các đơn chưa thanh toán và gửi email cho mọi người mua. Đơn đã thanh toán được giữ lại để nhân viên hoàn tiền từng đơn.',
    'recall.scope': 'Phạm vi thu hồi',
    'recall.scopeLot': 'Chỉ lô {lotCode}',
    'recall.scopeSeedLot': 'Mọi lô từ lô hạt giống {lotNumber}',
    'recall.confirm': 'Tôi xác nhận thu hồi và báo cho người mua',
    'recall.submit': 'Thu hồi ngay',
    'recall.errors.scope': 'Hãy chọn phạm vi thu hồi.',
    'recall.errors.confirm': 'Hãy đánh dấu ô xác nhận trước khi thu hồi.',
    'recall.done':
      'Đã thu hồi {lots}: gỡ {withdrawn} sản phẩm, hủy {cancelled} đơn chưa thanh toán, gửi email cho {told} người mua.',
    'recall.noEmail': '{count} đơn không có email: hãy gọi điện cho người mua.',
    'recall.mail.subject': 'Thu hồi sản phẩm: lô {lots}',
    'recall.mail.greeting': 'Chào {name},',
    'recall.mail.body':
      'Hợp tác xã thu hồi sản phẩm thuộc lô {lots} mà bạn đã đặt (đơn {orders}). Đơn chưa thanh toán đã được hủy.',
    'recall.mail.whatToDo':
      'Xin đừng dùng sản phẩm này. Nếu đã thanh toán, hợp tác xã sẽ liên hệ để hoàn tiền. Xem đơn hàng của bạn:',
  },
  {
    'recall.exports': "The lot's traceability records",
    'recall.epcis': 'Download EPCIS 2.0 (JSON-LD)',
    'recall.fsma': 'Download the FSMA 204 spreadsheet (CSV)',
    'recall.fsmaXlsx': 'Download the FSMA 204 spreadsheet (Excel)',
    'recall.act': 'Recall',
    'recall.actIntro':
      'A recall takes the produce off the shop, cancels unpaid orders and emails every buyer. Paid orders are kept, for staff to refund one by one.',
    'recall.scope': 'What to recall',
    'recall.scopeLot': 'Lot {lotCode} only',
    'recall.scopeSeedLot': 'Every lot from seed lot {lotNumber}',
    'recall.confirm': 'I confirm the recall and that buyers are told',
    'recall.submit': 'Recall now',
    'recall.errors.scope': 'Choose what to recall.',
    'recall.errors.confirm': 'Tick the confirmation before recalling.',
    'recall.done':
      'Recalled {lots}: {withdrawn} listings taken off the shop, {cancelled} unpaid orders cancelled, {told} buyers emailed.',
    'recall.noEmail': '{count} orders have no email: call those buyers.',
    'recall.mail.subject': 'Product recall: lot {lots}',
    'recall.mail.greeting': 'Hello {name},',
    'recall.mail.body':
      'The cooperative is recalling produce of lot {lots}, which you ordered (order {orders}). Unpaid orders have been cancelled.',
    'recall.mail.whatToDo':
      'Please do not eat this produce. If you paid, the cooperative will contact you about a refund. Your orders:',
  },
);
