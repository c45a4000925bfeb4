import { type RouteConfig, index, route } from '@remix-run/route-config';

export default [
  index('routes/home.tsx'),
  route('batches/:lotCode', 'routes/batch.tsx'),
  // GS1 Digital Link: the URI in the QR code on each pack.
  route('01/:gtin/10/:lot', 'routes/digital-link.tsx'),
  route('signup', 'routes/signup.tsx'),
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  route('account', 'routes/account.tsx'),
  route('farm', 'routes/farm.tsx'),
  route('coop', 'routes/coop.tsx'),
  route('lang', 'routes/lang.tsx'),
  route('health', 'routes/health.ts'),
] satisfies RouteConfig;
