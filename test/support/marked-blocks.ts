/**
 * The fenced code block that follows `<!-- MARK -->` in a Markdown document: the commands a
 * document gives, as a test runs them. Indentation (a block inside a list item) is removed.
 */
export function markedBlock(markdown: string, mark: string): string {
  const at = markdown.indexOf(`<!-- ${mark} -->`);
  if (at < 0) throw new Error(`no <!-- ${mark} --> in the document`);
  const match = /^([ \t]*)```[^\n]*\n([\s\S]*?)^[ \t]*```/m.exec(markdown.slice(at));
  if (!match) throw new Error(`no fenced block after <!-- ${mark} -->`);
  const indent = match[1]!;
  return match[2]!
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}

/** A systemd unit's `Key=value` setting (the first one). */
export function unitSetting(unit: string, key: string): string {
  const line = unit.split('\n').find((l) => l.startsWith(`${key}=`));
  if (line === undefined) throw new Error(`the unit has no ${key}=`);
  return line.slice(key.length + 1).trim();
}
