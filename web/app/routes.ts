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
  route('signup/sent', 'routes/signup-sent.tsx'),
  // The link a sign-up mails: it makes the account (auth/signup.server.ts).
  route('signup/confirm/:token', 'routes/signup-confirm.tsx'),
  // The link an admin's invitation mails: it sets the new member's password (auth/invitations.server.ts).
  route('invite/:token', 'routes/invite.tsx'),
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  // Areas: each layout's handle names its role check, which guards it and every page below it
  // (auth/areas.server.ts).
  route('account', 'routes/account/layout.tsx', [index('routes/account/orders.tsx')]),
  route('farm', 'routes/farm/layout.tsx', [
    index('routes/farm/overview.tsx'),
    // Records that start a season: seed lots received, with a photo, and plantings (farm/seed-lots.server.ts,
    // farm/plantings.server.ts); a record's photo at a stored width, for the farm's users (farm/photos.server.ts).
    route('farms/:farmId/seed-lots', 'routes/farm/seed-lots.tsx'),
    route('farms/:farmId/plantings', 'routes/farm/plantings.tsx'),
    // Corrections of a seed lot and of a planting: rows of their own beside them, never a change
    // (farm/seed-lot-corrections.server.ts, farm/planting-corrections.server.ts).
    route('seed-lots/:seedLotId/correct', 'routes/farm/seed-lot-correct.tsx'),
    route('plantings/:plantingId/correct', 'routes/farm/planting-correct.tsx'),
    route('photos/:id/:file', 'routes/farm/record-photo.ts'),
    route('plantings/:plantingId/harvest', 'routes/farm/harvest.tsx'),
    // A harvest's correction: a row of its own beside it, never a change (farm/harvest-corrections.server.ts).
    route('harvests/:harvestId/correct', 'routes/farm/harvest-correct.tsx'),
    // A planting's record book to print, in Vietnamese (farm/record-book-pdf.server.ts).
    route('plantings/:plantingId/record-book.pdf', 'routes/farm/record-book.ts'),
    // A planting's records, newest first, each correctable; the forms that add them (farm/records.server.ts).
    route('plantings/:plantingId/records', 'routes/farm/records.tsx'),
    route('plantings/:plantingId/input', 'routes/farm/input.tsx'),
    route('plantings/:plantingId/observation', 'routes/farm/observation.tsx'),
    // Where the phone sends the records it kept while offline (farm/outbox/).
    route('outbox', 'routes/farm/outbox.ts'),
    // Where the farmer hears about alarms: Web Push, Zalo, email (notify/).
    route('notifications', 'routes/farm/notifications.tsx'),
    // A zone: live state, charts, controls through the shadow, settings and their history.
    route('zones/:zoneId', 'routes/farm/zone.tsx'),
    // Server-Sent Events of one greenhouse, for its open pages (irrigation/live-feed.server.ts).
    route('live/:greenhouseId', 'routes/farm/live.ts'),
  ]),
  route('coop', 'routes/coop/layout.tsx', [
    index('routes/coop/trace.tsx'),
    // A lot's records for a recall: EPCIS 2.0 JSON-LD or the FSMA 204 spreadsheet (coop/recall/).
    route('recall/:lotCode/:file', 'routes/coop/recall-export.ts'),
    route('orders', 'routes/coop/orders.tsx'),
    // Pickup points, weekly schedules, their windows and each window's pick list (fulfilment/).
    route('pickup', 'routes/coop/pickup.tsx'),
    route('pickup/points/new', 'routes/coop/pickup-point-new.tsx'),
    route('pickup/points/:pointId', 'routes/coop/pickup-point.tsx'),
    route('pickup/schedules/new', 'routes/coop/pickup-schedule-new.tsx'),
    route('pickup/windows/:windowId', 'routes/coop/pickup-window.tsx'),
    // The register of input products farmers choose from (coop/input-products.server.ts).
    route('inputs', 'routes/coop/inputs.tsx'),
    route('inputs/:productId', 'routes/coop/input-product.tsx'),
    // Member farms with their certifications, and the co-op's people: staff read, the admin
    // changes (coop/farms.server.ts, auth/members.server.ts, auth/invitations.server.ts).
    route('farms', 'routes/coop/farms.tsx'),
    route('farms/:farmId', 'routes/coop/farm.tsx'),
    // A farm's greenhouses with their zones, and what each bridge needs to report: a certificate and
    // config file from the local CA, or the AWS command (coop/greenhouses.server.ts, coop/provision.server.ts).
    route('farms/:farmId/greenhouses', 'routes/coop/greenhouses.tsx'),
    route('greenhouses/:greenhouseId', 'routes/coop/greenhouse.tsx'),
    route('members', 'routes/coop/members.tsx'),
    route('members/:userId', 'routes/coop/member.tsx'),
    // Packing harvests into pack lots, and each lot's labels as a PDF to print (coop/packing.server.ts,
    // coop/label-sheet-pdf.server.ts).
    route('packing', 'routes/coop/packing.tsx'),
    route('pack-lots/:lotCode/labels.pdf', 'routes/coop/pack-lot-labels.ts'),
    // Listings made from pack lots, with their photos; publishing checks the pre-harvest interval
    // (coop/listings.server.ts, coop/listing-photos.server.ts).
    route('listings', 'routes/coop/listings.tsx'),
    route('listings/:listingId', 'routes/coop/listing.tsx'),
    // Payouts to member farms per month: statements, commission, marked paid, XLSX and CSV
    // (coop/payouts.server.ts, coop/payout-export.server.ts; decision 022).
    route('payouts', 'routes/coop/payouts.tsx'),
    route('payouts/:farmId/:period', 'routes/coop/payout.tsx'),
    route('payouts/:farmId/:period/:file', 'routes/coop/payout-file.ts'),
  ]),
  route('lang', 'routes/lang.tsx'),
  route('health', 'routes/health.ts'),
  // A page with no data, the yardstick of `npm run bench:web` (web/bench/web.ts).
  route('_bench/bare', 'routes/bare.tsx'),
] satisfies RouteConfig;
