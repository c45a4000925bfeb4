import type { HeadersFunction } from '@remix-run/node';

/**
 * A form page's document headers: those its action answered with (a refusal's Retry-After).
 * Remix keeps an action's cookies by itself, but its other headers only through this export.
 */
export const formHeaders: HeadersFunction = ({ actionHeaders }) => actionHeaders;
