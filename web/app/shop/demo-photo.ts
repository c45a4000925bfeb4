import type { ProductCategory } from '@seedline/db';

// The demo seed has no camera photos: its listing photos (keys under `demo/`) are drawn here, one
// simple illustration per product category, and rendered to an original the first time they are
// asked for. Nothing generated is committed.

export const demoPhotoSize = { width: 1600, height: 1200 } as const;

export function isDemoPhotoKey(key: string): boolean {
  return /^demo\/[a-z0-9-]+\.jpg$/.test(key);
}

const leaf = (x: number, y: number, angle: number, scale: number, fill: string) =>
  `<g transform="translate(${x} ${y}) rotate(${angle}) scale(${scale})">
    <path d="M0 0 C 60 -120, 220 -140, 300 0 C 220 140, 60 120, 0 0 Z" fill="${fill}"/>
    <path d="M0 0 L 290 0" stroke="#e8f5dc" stroke-width="8" fill="none"/>
  </g>`;

const drawings: Record<ProductCategory, { background: string; body: string }> = {
  // A netted melon on its vine.
  FRUIT: {
    background: '#f4efd9',
    body: `
      ${leaf(420, 820, -160, 1.2, '#4f8a3c')}
      <clipPath id="rind"><circle cx="800" cy="640" r="380"/></clipPath>
      <circle cx="800" cy="640" r="380" fill="#c9d98f"/>
      <g stroke="#f3f6e4" stroke-width="10" fill="none" opacity="0.9" clip-path="url(#rind)">
        <path d="M470 520 Q 800 380 1130 560"/><path d="M440 680 Q 800 540 1160 720"/>
        <path d="M500 840 Q 800 700 1100 880"/><path d="M620 300 Q 560 640 700 1000"/>
        <path d="M800 260 Q 760 640 820 1020"/><path d="M980 300 Q 1060 640 940 1000"/>
      </g>
      <path d="M800 262 C 790 200, 830 160, 880 150" stroke="#6b5a2e" stroke-width="22" fill="none" stroke-linecap="round"/>`,
  },
  // Cherry tomatoes beside a cucumber.
  FRUIT_VEGETABLE: {
    background: '#f6ece6',
    body: `
      <g transform="rotate(-18 1050 560)">
        <rect x="760" y="470" width="620" height="190" rx="95" fill="#3f7d3a"/>
        <g fill="#7fb069">${[860, 960, 1060, 1160, 1260].map((x) => `<circle cx="${x}" cy="540" r="10"/><circle cx="${x + 40}" cy="600" r="10"/>`).join('')}</g>
      </g>
      ${[
        [520, 700],
        [720, 820],
        [430, 900],
        [640, 1010],
      ]
        .map(
          ([x, y]) => `<circle cx="${x}" cy="${y}" r="130" fill="#d9412f"/>
            <circle cx="${x! - 40}" cy="${y! - 45}" r="28" fill="#f08a7a"/>
            <path d="M${x} ${y! - 150} l 25 45 l 50 -5 l -38 32 l 20 48 l -57 -28 l -57 28 l 20 -48 l -38 -32 l 50 5 Z" fill="#3f7d3a"/>`,
        )
        .join('')}`,
  },
  // A head of leafy greens.
  LEAFY_GREEN: {
    background: '#e9f2e4',
    body: [
      [800, 980, -150, 1.5, '#5e9e45'],
      [800, 980, -30, 1.5, '#5e9e45'],
      [800, 980, -120, 1.7, '#4a8a38'],
      [800, 980, -60, 1.7, '#4a8a38'],
      [800, 980, -90, 1.9, '#6fb552'],
    ]
      .map(([x, y, a, s, fill]) => leaf(x as number, y as number, a as number, s as number, fill as string))
      .join(''),
  },
  // A sprig of herbs.
  HERB: {
    background: '#eef3e8',
    body: `
      <path d="M800 1100 C 780 800, 820 500, 800 180" stroke="#4a7a35" stroke-width="18" fill="none"/>
      ${[300, 420, 540, 660, 780, 900]
        .map((y, i) => leaf(800, y, i % 2 === 0 ? -30 : -150, 0.9, i % 2 === 0 ? '#5e9e45' : '#4a8a38'))
        .join('')}`,
  },
};

/** The SVG drawing of a demo photo for a product category. */
export function demoPhotoSvg(category: ProductCategory): string {
  const { background, body } = drawings[category];
  const { width, height } = demoPhotoSize;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <rect width="${width}" height="${height}" fill="${background}"/>
  <ellipse cx="800" cy="1110" rx="620" ry="60" fill="#000" opacity="0.07"/>
  ${body}
</svg>`;
}
