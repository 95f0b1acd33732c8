/**
 * Splits a command line into words the way a POSIX shell would, without running one: whitespace
 * separates words, '…' is literal, "…" keeps spaces and honours \" and \\, a backslash outside quotes
 * escapes the next character. No expansion, pipes or redirection: use `bash -c '…'` for those.
 */
export function splitCommandLine(line: string): string[] {
  const { words, unclosed } = scan(line);
  if (unclosed) throw new Error(`unclosed ${unclosed} in \`${line}\``);
  return words;
}

/**
 * The first thing in the line a shell would have expanded or acted on ($VAR, `…`, and |, ;, &,
 * <, > or a * glob where they stand as such), which splitting passes to the program as plain
 * text: `./deploy.sh $AGENT_RELEASE_VERSION` would deploy the version "$AGENT_RELEASE_VERSION".
 * Undefined when there is none.
 */
export function shellConstructIn(line: string): string | undefined {
  return scan(line).construct;
}

/** `$` starts an expansion when a name, a brace, a parenthesis or a special parameter follows. */
const expansion = /\$(?:[A-Za-z_]\w*|\{[^}]*\}?|\(|[0-9$#?*@!-])/y;
const operator = /\|\||&&|>>|<<|[|;&<>*]/y;
const edge = (text: string | undefined): boolean => text === undefined || /\s/.test(text);

/**
 * An operator a shell would act on: one that begins or ends a word (`a && b`, `>log`, `a.sh;`),
 * or a * that begins a word or sits next to a / or a . (`*.yaml`, `k8s/*`). Inside a word
 * (`?a=1&b=2`, `weight=*`) it is more likely meant as text, which is what splitting gives it.
 */
function operatorAt(line: string, at: number): string | undefined {
  const found = matchAt(operator, line, at);
  if (found === undefined) return undefined;
  const before = line[at - 1];
  const after = line[at + found.length];
  if (found === '*') return edge(before) || before === '/' || after === '.' || after === '/' ? found : undefined;
  return edge(before) || edge(after) ? found : undefined;
}

/** What `pattern` (sticky) matches at `at` in `line`, if anything. */
function matchAt(pattern: RegExp, line: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(line)?.[0];
}

function scan(line: string): { words: string[]; unclosed?: '"' | "'"; construct?: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  let construct: string | undefined;
  const note = (found: string | undefined): void => void (construct ??= found);
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line.charAt(++i);
      else {
        if (c === '$') note(matchAt(expansion, line, i));
        if (c === '`') note('`');
        word += c;
      }
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line.charAt(++i);
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      if (c === '$') note(matchAt(expansion, line, i));
      if (c === '`') note('`');
      note(operatorAt(line, i));
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return { words, ...(quote ? { unclosed: quote } : {}), ...(construct ? { construct } : {}) };
}
