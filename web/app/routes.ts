import { type RouteConfig, index, route } from '@remix-run/route-config';

export default [
  index('routes/home.tsx'),
  route('batches/:lotCode', 'routes/batch.tsx'),
  route('cart', 'routes/cart.tsx'),
  route('checkout', 'routes/checkout.tsx'),
  // The buyer's order page: by its private link (?t=token), or for the signed-in buyer and staff.
  route('orders/:reference', 'routes/order.tsx'),
  // Stripe's webhook: POST only, signature verified.
  route('webhooks/stripe', 'routes/stripe-webhook.ts'),
  // Listing photos at fixed sizes: /photos/{id}/{width}.{webp|jpeg}
  route('photos/:id/:file', 'routes/photo.ts'),
  // GS1 Digital Link: the URI in the QR code on each pack.
  route('01/:gtin/10/:lot', 'routes/digital-link.tsx'),
  route('signup', 'routes/signup.tsx'),
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  route('account', 'routes/account.tsx'),
  route('farm', 'routes/farm.tsx'),
  route('coop', 'routes/coop.tsx'),
  route('coop/orders', 'routes/coop-orders.tsx'),
  route('lang', 'routes/lang.tsx'),
  route('health', 'routes/health.ts'),
  // A page with no data, the yardstick of `npm run bench:web` (web/bench/web.ts).
  route('_bench/bare', 'routes/bare.tsx'),
] satisfies RouteConfig;
