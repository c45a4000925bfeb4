import { setEnv } from '../../web/app/env.server.ts';

// Every database test file starts with the web app's environment as a test machine has it, so
// domain functions that read it (an order's link in its confirmation email) work without a
// server. A test that needs other values sets them itself; a served app (startTestWeb) does too.
setEnv({
  NODE_ENV: 'test',
  PORT: 3000,
  PUBLIC_URL: 'http://localhost:3000',
  SESSION_SECRET: 'test-secret-that-is-at-least-32-characters',
});
