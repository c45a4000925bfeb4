import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDocs, parseRunArguments } from './check-docs.ts';

let root: string;

/** A repository in a temporary folder: a root package with one workspace, and `files`. */
function repository(files: Record<string, string>) {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-check-docs-'));
  const all = {
    'package.json': JSON.stringify({ workspaces: ['web'], scripts: { start: 'x', 'bench:web': 'x' } }),
    'web/package.json': JSON.stringify({ name: '@seedline/web', scripts: { build: 'x' } }),
    'web/app/ingest/store.server.ts': '',
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
}

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('check:docs', () => {
  it('reports a named file or link target that does not exist, with its document and line', () => {
    repository({
      'README.md': 'Intro.\n\nStored by `web/app/ingest/gone.server.ts`.\nSee [the guide](docs/gone.md).\n',
    });
    expect(checkDocs(root).problems).toEqual([
      { file: 'README.md', line: 3, message: '`web/app/ingest/gone.server.ts` does not exist' },
      { file: 'README.md', line: 4, message: 'link target docs/gone.md does not exist' },
    ]);
  });

  it('reports an npm script that neither the root nor the named workspace has', () => {
    repository({
      'docs/running.md': '`npm run bench:gone` and `npm run lint -w @seedline/web` and `npm run build -w nowhere`\n',
    });
    expect(checkDocs(root).problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      'docs/running.md:1: `npm run bench:gone`: package.json has no script "bench:gone"',
      'docs/running.md:1: `npm run lint -w @seedline/web`: @seedline/web has no script "lint"',
      'docs/running.md:1: `npm run build -w nowhere`: no workspace nowhere',
    ]);
  });

  it('accepts paths from a source root, bare file names, runtime data, topics and routes', () => {
    repository({
      'README.md': [
        'Ingest (`ingest/store.server.ts:12`, `store.server.ts`, `web/app/ingest/`) keeps `.data/shadows.json`;',
        'topics such as `update/documents`, routes such as `/farm`, `@seedline/web` and `<thing>.json`.',
        '',
        '```sh',
        'npm start   # `not/a/path.ts` in a code block is not a path',
        'npm run build -w @seedline/web && npm run bench:web -- --skip-build',
        '```',
      ].join('\n'),
    });
    const report = checkDocs(root);
    expect(report.problems).toEqual([]);
    expect(report.scripts).toBe(3);
  });
});

describe('npm run arguments', () => {
  it('takes the script and workspace before `--`, and skips placeholders', () => {
    expect(parseRunArguments(['db:migrate', '--', '--create', 'NAME'])).toEqual({
      script: 'db:migrate',
      workspace: undefined,
      everyWorkspace: false,
    });
    expect(parseRunArguments(['--workspace=@seedline/infra', 'certs'])).toMatchObject({
      script: 'certs',
      workspace: '@seedline/infra',
    });
    expect(parseRunArguments(['<name>'])).toBeNull();
  });
});
