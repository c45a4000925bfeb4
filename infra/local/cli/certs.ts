// npm run certs -w @seedline/infra -- --things seedline-xh-nm1,seedline-yd-nl1 [--dir .data/pki] [--force]
// Creates the local CA, broker, ingest and thing certificates that are missing. Keys stay out of
// the repository: the default folder is the git-ignored /.data/pki at the repository root.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensurePki } from '../pki.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function main(): Promise<void> | void {
  const { values } = parseArgs({
    options: {
      things: { type: 'string', default: '' },
      dir: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run certs -w @seedline/infra -- --things a,b,c [--dir .data/pki] [--force]');
    return;
  }
  // npm runs workspace scripts inside infra/; a relative --dir means relative to where npm was typed.
  const invokedFrom = process.env.INIT_CWD ?? process.cwd();
  const dir = values.dir ? path.resolve(invokedFrom, values.dir) : path.join(repoRoot, '.data', 'pki');
  const things = values.things
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  return ensurePki({ dir, things, force: values.force }).then(({ created }) => {
    const relative = (f: string) => path.relative(invokedFrom, f);
    console.log(created.length === 0 ? `nothing to create in ${dir}` : `created in ${dir}:`);
    for (const file of created) console.log(`  ${relative(file)}`);
  });
}

Promise.resolve()
  .then(main)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
