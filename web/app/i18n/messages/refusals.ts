import type { RefusalCode } from '../../errors/refusals.ts';
import { catalog } from './catalog.ts';

// What each refusal says (errors/refusals.ts): one text per code, no more, no fewer.
export const refusals = catalog(
  'refusals',
  {
    PHI_NOT_PASSED:
      'Chưa hết thời gian cách ly: {product} dùng ngày {appliedOn} cần cách ly {phiDays} ngày, nên chỉ được thu hoạch từ ngày {firstDay}.',
    RECORD_ID_TAKEN: 'Mã của bản ghi này đã được dùng cho một bản ghi khác: hãy mở lại biểu mẫu và gửi lại.',
    RECORD_ALREADY_CORRECTED: 'Bản ghi này đã được sửa: hãy sửa bản ghi mới nhất.',
    RECORD_NOT_FOUND: 'Không tìm thấy bản ghi này.',
    STOCK_OVER_PACKED: 'Số lượng bán ({stock}) nhiều hơn số đơn vị đã đóng gói trong lô ({packed}).',
    LOT_CODES_USED_UP: 'Trang trại đã dùng hết 999 mã lô của ngày {day}.',
    SOLD_OUT: 'Rất tiếc, đã hết hàng: {items}. Vui lòng bớt số lượng hoặc chọn lô khác.',
    CART_EMPTY: 'Giỏ hàng của bạn đang trống.',
    PICKUP_POINT_CLOSED: 'Vui lòng chọn một điểm nhận hàng. Điểm đã chọn không còn nhận đơn.',
    LISTING_UNAVAILABLE: 'Lô hàng này không có hoặc đã ngừng bán.',
    LISTING_SOLD_OUT: 'Số lượng: lô này đã bán hết.',
    EXCEEDS_STOCK: 'Số lượng vượt quá số hàng còn lại ({available}).',
    LINE_TOO_LARGE: 'Mỗi lô mua tối đa {max} đơn vị.',
    ORDER_NOT_FOUND: 'Không tìm thấy đơn hàng này.',
    ILLEGAL_TRANSITION: 'Đơn {reference} đang ở trạng thái "{status}": không thể thực hiện thao tác này.',
    REFUND_FIRST: 'Đơn {reference} đã được thanh toán: hãy hoàn tiền thay vì hủy.',
    NOTHING_TO_REFUND: 'Đơn {reference} chưa có khoản thanh toán nào để hoàn; hãy hủy đơn.',
    REFUND_FAILED: 'Stripe chưa hoàn tiền được cho đơn {reference}; chưa có gì thay đổi. Vui lòng thử lại.',
    PLANTING_NOT_GROWING: 'Cây trồng này đã kết thúc: không ghi thêm thu hoạch được.',
    TOO_MANY_OPEN_ORDERS:
      'Bạn đang có {max} đơn chờ HTX xác nhận. Vui lòng chờ HTX gọi xác nhận (hoặc thanh toán) rồi đặt tiếp.',
    CHECKOUT_THROTTLED: 'Có quá nhiều lần đặt hàng từ thiết bị này. Vui lòng thử lại sau {minutes} phút.',
    LOGIN_THROTTLED: 'Đã nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.',
    SIGNUP_THROTTLED: 'Có quá nhiều lượt đăng ký từ mạng của bạn. Vui lòng thử lại sau {minutes} phút.',
    SIGNUP_LINK_INVALID: 'Đường dẫn này đã hết hạn hoặc đã được dùng. Vui lòng đăng ký lại.',
    SIGNUP_EMAIL_TAKEN: 'Email này đã có tài khoản. Vui lòng đăng nhập.',
    GREENHOUSE_UNREACHABLE:
      'Không gửi được tới nhà màng lúc này (mất kết nối máy chủ): chưa có gì thay đổi. Vui lòng thử lại sau ít phút.',
    ALARM_NOT_LATCHED: 'Cảnh báo này đã hết hoặc tự hết khi nguyên nhân không còn: không cần xác nhận.',
    ALARM_ALREADY_ACKNOWLEDGED: 'Cảnh báo này đã được xác nhận.',
  } satisfies Record<RefusalCode, string>,
  {
    PHI_NOT_PASSED:
      'The pre-harvest interval has not passed: {product} applied on {appliedOn} needs {phiDays} days, so harvest is allowed from {firstDay}.',
    RECORD_ID_TAKEN: 'This record’s id is already used by another record: open the form again and resend it.',
    RECORD_ALREADY_CORRECTED: 'This record has already been corrected: correct the newest entry instead.',
    RECORD_NOT_FOUND: 'This record does not exist.',
    STOCK_OVER_PACKED: 'The stock ({stock}) is more than the {packed} units packed in this lot.',
    LOT_CODES_USED_UP: 'The farm has used all 999 lot codes of {day}.',
    SOLD_OUT: 'Sorry, sold out: {items}. Please lower the quantity or choose another batch.',
    CART_EMPTY: 'Your cart is empty.',
    PICKUP_POINT_CLOSED: 'Please choose a pickup point: the one chosen no longer takes orders.',
    LISTING_UNAVAILABLE: 'This batch does not exist or is no longer for sale.',
    LISTING_SOLD_OUT: 'Quantity: this batch has sold out.',
    EXCEEDS_STOCK: 'Quantity is more than the units left ({available}).',
    LINE_TOO_LARGE: 'At most {max} units of one batch.',
    ORDER_NOT_FOUND: 'This order does not exist.',
    ILLEGAL_TRANSITION: 'Order {reference} is "{status}": this action is not possible now.',
    REFUND_FIRST: 'Order {reference} has been paid: refund it instead of cancelling.',
    NOTHING_TO_REFUND: 'Order {reference} has no payment to refund; cancel it instead.',
    REFUND_FAILED: 'Stripe could not refund order {reference}; nothing changed. Please try again.',
    PLANTING_NOT_GROWING: 'This planting has ended: no more harvests can be recorded for it.',
    TOO_MANY_OPEN_ORDERS:
      'You have {max} orders waiting for the cooperative to confirm. Please wait for their call (or pay) before ordering more.',
    CHECKOUT_THROTTLED: 'Too many orders from this device. Please try again in {minutes} minutes.',
    LOGIN_THROTTLED: 'Too many failed attempts. Please try again in {minutes} minutes.',
    SIGNUP_THROTTLED: 'Too many sign-ups from your network. Please try again in {minutes} minutes.',
    SIGNUP_LINK_INVALID: 'This link has expired or was already used. Please sign up again.',
    SIGNUP_EMAIL_TAKEN: 'This email already has an account. Please log in.',
    GREENHOUSE_UNREACHABLE:
      'The greenhouse cannot be reached right now (no link to the broker): nothing changed. Please try again in a few minutes.',
    ALARM_NOT_LATCHED: 'This alarm is over, or clears by itself when its cause is gone: nothing to acknowledge.',
    ALARM_ALREADY_ACKNOWLEDGED: 'This alarm has already been acknowledged.',
  },
);
