// Opening, migrating and seeding databases: for servers, command-line tools and tests.
export * from './config.ts';
export { DatabaseInUseError } from './lock.ts';
export * from './migrate.ts';
export * from './migrate-once.ts';
export * from './open.ts';
export * from './status.ts';
export { demoPassword, seedDemo } from './seed/demo.ts';
export { demoUsers } from './seed/demo-data.ts';
