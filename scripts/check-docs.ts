// npm run check:docs: README.md and the documents under docs/ may name only files and npm scripts
// that exist, so that a rename or a removal in the code cannot leave the docs describing what is
// gone (issue 18). Prints each missing one with its document and line and exits 1.
//
// What counts as a file path, and where it may live:
// - A backticked token outside fenced code blocks, with no spaces, no glob or placeholder
//   characters and no leading `/`, `~`, `@` or scheme (absolute paths, routes, package names and
//   URLs are not files of the repository), that ends in a known extension, ends in `/`, or has a `/`
//   after a first folder that exists (so MQTT topics such as `update/documents` are prose). A
//   trailing `:line` is ignored. Relative link targets `[text](target)`, from the document's folder.
// - It exists when found from the repository root, from the document's folder, or from one of
//   SOURCE_ROOTS: docs name files relative to the part they describe (`ingest/store.server.ts` is
//   web/app's). A bare file name (`transitions.ts`) names a file anywhere in the repository.
// - Paths under GENERATED are written by npm install, npm start or a build: a clean clone has none.
//
// `npm run NAME` (and `npm start`, `npm test`) must be a script of the workspace named with
// `-w`/`--workspace` (package name or folder), of some workspace with `--workspaces`, and otherwise
// of the root package.json or of the workspace that holds the document (a command in a part's
// README may be meant to run in that part).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SOURCE_ROOTS = [
  'web/app',
  'web',
  'firmware-bridge/src',
  'firmware-bridge',
  'infra',
  'infra/local',
  'prisma',
  'prisma/src',
  'test',
];
const GENERATED = [
  '.data',
  'node_modules',
  'prisma/generated',
  'web/build',
  'test-results',
  'coverage',
  'cdk.out',
  'firmware-bridge/firmware/build',
];
const EXTENSIONS = ['ts', 'tsx', 'js', 'mjs', 'cjs', 'md', 'json', 'sql', 'prisma', 'sh', 'toml', 'yaml', 'yml'];
const NOT_WALKED = new Set(['node_modules', '.git', ...GENERATED]);

export type Problem = { file: string; line: number; message: string };
export type Report = { documents: number; paths: number; scripts: number; problems: Problem[] };

type Mention = { text: string; offset: number };
type Workspace = { name: string; folder: string; scripts: Set<string> };
type Repository = {
  root: string;
  rootScripts: Set<string>;
  workspaces: Workspace[];
  /** Base names of every file in the repository, for bare names. */
  fileNames: Set<string>;
};

/** Checks every document of the repository at `root`. */
export function checkDocs(root: string): Report {
  const repository = readRepository(root);
  const report: Report = { documents: 0, paths: 0, scripts: 0, problems: [] };
  for (const document of documentsOf(root)) {
    const text = fs.readFileSync(path.join(root, document), 'utf8');
    const at = (offset: number) => ({ file: document, line: lineAt(text, offset) });
    report.documents += 1;
    for (const mention of pathMentions(text)) {
      if (!looksLikeRepositoryPath(mention.text, root, document)) continue;
      report.paths += 1;
      if (!pathExists(repository, document, mention.text))
        report.problems.push({ ...at(mention.offset), message: `\`${mention.text}\` does not exist` });
    }
    for (const link of linkTargets(text)) {
      report.paths += 1;
      if (!fs.existsSync(path.resolve(root, path.dirname(document), link.text)))
        report.problems.push({ ...at(link.offset), message: `link target ${link.text} does not exist` });
    }
    for (const command of npmCommands(text)) {
      report.scripts += 1;
      const missing = missingScript(repository, document, command.text);
      if (missing) report.problems.push({ ...at(command.offset), message: missing });
    }
  }
  return report;
}

/** README.md and every Markdown file under docs/, as paths relative to the root. */
function documentsOf(root: string): string[] {
  const docs = path.join(root, 'docs');
  const below = fs.existsSync(docs)
    ? fs
        .readdirSync(docs, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.md'))
        .map((name) => path.join('docs', name))
    : [];
  return [...(fs.existsSync(path.join(root, 'README.md')) ? ['README.md'] : []), ...below.sort()];
}

function readRepository(root: string): Repository {
  const rootPackage = readPackage(path.join(root, 'package.json'));
  const workspaces = (rootPackage?.workspaces ?? []).flatMap((folder): Workspace[] => {
    const workspacePackage = readPackage(path.join(root, folder, 'package.json'));
    if (!workspacePackage) return [];
    return [{ name: workspacePackage.name ?? folder, folder, scripts: workspacePackage.scripts }];
  });
  return { root, rootScripts: rootPackage?.scripts ?? new Set(), workspaces, fileNames: fileNamesBelow(root) };
}

type PackageJson = { name?: string; workspaces?: string[]; scripts: Set<string> };

function readPackage(file: string): PackageJson | null {
  if (!fs.existsSync(file)) return null;
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) return null;
  const name = 'name' in parsed && typeof parsed.name === 'string' ? parsed.name : undefined;
  const workspaces =
    'workspaces' in parsed && Array.isArray(parsed.workspaces)
      ? parsed.workspaces.filter((w): w is string => typeof w === 'string')
      : undefined;
  const scripts =
    'scripts' in parsed && typeof parsed.scripts === 'object' && parsed.scripts !== null
      ? new Set(Object.keys(parsed.scripts))
      : new Set<string>();
  return { name, workspaces, scripts };
}

function fileNamesBelow(root: string): Set<string> {
  const names = new Set<string>();
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (NOT_WALKED.has(path.relative(root, full)) || entry.name === 'node_modules') continue;
      if (entry.isDirectory()) walk(full);
      else names.add(entry.name);
    }
  };
  walk(root);
  return names;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Fenced code blocks, blanked out (newlines kept, so offsets and lines stay right). */
function withoutFences(text: string): string {
  return text.replace(/^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm, (block) => block.replace(/[^\n]/g, ' '));
}

/** The contents of inline code spans outside fenced blocks, without a trailing `:line`. */
function pathMentions(text: string): Mention[] {
  return [...withoutFences(text).matchAll(/`([^`\n]+)`/g)].map((m) => ({
    text: (m[1] ?? '').replace(/:\d+(:\d+)?$/, ''),
    offset: m.index,
  }));
}

/** Relative link targets, `[text](target)`, without their #fragment. */
function linkTargets(text: string): Mention[] {
  return [...withoutFences(text).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => ({ text: (m[1] ?? '').split('#')[0] ?? '', offset: m.index }))
    .filter((link) => link.text !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(link.text));
}

function looksLikeRepositoryPath(token: string, root: string, document: string): boolean {
  if (/[\s*?[\]{}<>$|+…'"=(),]|\.\.\.|^[/~@]|^\.?\w+$|:\/\//.test(token)) return false;
  if (GENERATED.some((folder) => token === folder || token.startsWith(`${folder}/`))) return false;
  if (new RegExp(`\\.(${EXTENSIONS.join('|')})$`).test(token) || token.endsWith('/')) return true;
  if (!token.includes('/')) return false;
  const first = token.split('/')[0] ?? '';
  return basesFor(document).some((base) => fs.existsSync(path.join(root, base, first)));
}

function basesFor(document: string): string[] {
  return ['.', path.dirname(document), ...SOURCE_ROOTS];
}

function pathExists(repository: Repository, document: string, token: string): boolean {
  if (!token.includes('/')) return repository.fileNames.has(token);
  return basesFor(document).some((base) => fs.existsSync(path.join(repository.root, base, token)));
}

/** Every `npm run …`, `npm start …` and `npm test …`, up to the end of its command. */
function npmCommands(text: string): Mention[] {
  return [...text.matchAll(/\bnpm\s+(?:run(?:-script)?|start|test)\b[^\n`;&|#)]*/g)].map((m) => ({
    text: m[0],
    offset: m.index,
  }));
}

/** Why `command` names no script, or null when it does (or names none that can be checked). */
function missingScript(repository: Repository, document: string, command: string): string | null {
  const [, verb = '', ...words] = command.trim().split(/\s+/);
  const parsed = parseRunArguments(verb === 'run' || verb === 'run-script' ? words : [verb, ...words]);
  if (!parsed) return null;
  const { script, workspace, everyWorkspace } = parsed;
  if (workspace !== undefined) {
    const found = repository.workspaces.find((w) => w.name === workspace || w.folder === workspace.replace(/\/$/, ''));
    if (!found) return `\`${command.trim()}\`: no workspace ${workspace}`;
    return found.scripts.has(script) ? null : `\`${command.trim()}\`: ${found.name} has no script "${script}"`;
  }
  if (everyWorkspace)
    return repository.workspaces.some((w) => w.scripts.has(script))
      ? null
      : `\`${command.trim()}\`: no workspace has a script "${script}"`;
  const home = repository.workspaces.find((w) => document.startsWith(`${w.folder}/`));
  if (repository.rootScripts.has(script) || home?.scripts.has(script)) return null;
  return `\`${command.trim()}\`: package.json has no script "${script}"`;
}

type RunArguments = { script: string; workspace?: string; everyWorkspace: boolean };

/** npm's own options before `--`; the first other word is the script. Null for a placeholder. */
export function parseRunArguments(words: string[]): RunArguments | null {
  let script: string | undefined;
  let workspace: string | undefined;
  let everyWorkspace = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--') break;
    if (word === '-w' || word === '--workspace') workspace = words[++i];
    else if (word.startsWith('--workspace=')) workspace = word.slice('--workspace='.length);
    else if (word === '--workspaces' || word === '-ws') everyWorkspace = true;
    else if (!word.startsWith('-')) script ??= word.replace(/[.,:;]+$/, '');
  }
  if (script === undefined || !/^[A-Za-z0-9][\w:.-]*$/.test(script)) return null;
  return { script, workspace, everyWorkspace };
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const report = checkDocs(root);
  for (const problem of report.problems) console.error(`${problem.file}:${problem.line}: ${problem.message}`);
  if (report.problems.length > 0) {
    console.error(`✖ check:docs: ${report.problems.length} missing in ${report.documents} documents`);
    process.exit(1);
  }
  console.log(
    `check:docs: ${report.documents} documents, ${report.paths} paths and ${report.scripts} npm commands, all present`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
