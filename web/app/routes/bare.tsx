import type { MetaFunction } from '@remix-run/node';

// The web benchmark's yardstick (`npm run bench:web`): a page with no loader and one static
// element, inside the app's root layout, so that the ratio of a real page's rate to this one's is
// the cost of our own loaders and rendering over what Remix, React and the root layout cost
// anyway. It shows nothing private and is kept out of search engines.

export const meta: MetaFunction = () => [{ title: 'Seedline' }, { name: 'robots', content: 'noindex' }];

export default function Bare() {
  return <p>Seedline</p>;
}
