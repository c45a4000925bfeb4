export * from './dates.ts';
export * from './digital-link.ts';
export * from './gtin.ts';
export * from './log-history.ts';
export * from './lot-code.ts';
export * from './phi.ts';
export * from './records.ts';
export * from './trace.ts';
