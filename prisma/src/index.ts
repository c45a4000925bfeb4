// What the web app's routes use: the client's types and the domain rules on the data.
// Opening, migrating and seeding a database are in `@seedline/db/setup`.
export * from '../generated/client.ts';
export * from './domain-error.ts';
export * from './password.ts';
export * from './transaction.ts';
export * from './traceability/index.ts';
