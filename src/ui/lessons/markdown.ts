/**
 * A tiny Markdown reader for the lessons' prose: headings, paragraphs, lists, **strong**, *emphasis*, `code`,
 * [links](https://…) and $math$ (kept as text). It returns a tree of plain text pieces, never HTML: the view turns
 * the tree into elements whose text Svelte escapes, so no input can become markup. Links keep only safe targets
 * (http, https, mailto, and same-page ones); any other link stays as its literal text.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong' | 'em'; children: Inline[] }
  | { type: 'code' | 'math'; text: string }
  | { type: 'link'; href: string; external: boolean; children: Inline[] };

export type Block =
  | { type: 'heading'; level: number; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'code'; text: string };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const FENCE = /^\s{0,3}```/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) });
    paragraph = [];
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    list = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (FENCE.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i]); i++) code.push(lines[i]);
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ type: 'heading', level: heading[1].length, children: parseInline(heading[2]) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = numbered !== null;
      if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[1]);
      continue;
    }
    // A plain line continues the current list item or paragraph.
    if (list) list.items[list.items.length - 1] += ` ${line.trim()}`;
    else paragraph.push(line.trim());
  }
  flush();
  return blocks;
}

const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);

/** Where the delimiter `mark` that closes a run opened at `from` is, or -1. */
function closing(text: string, mark: string, from: number): number {
  for (let j = from; j <= text.length - mark.length; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === '`') {
      // Code spans are opaque: skip to their end.
      const end = text.indexOf('`', j + 1);
      if (end < 0) return -1;
      j = end;
      continue;
    }
    if (text.startsWith(mark, j) && !isSpace(text[j - 1]) && j > from) {
      // '_' closes only at the end of a word (so λ_max and snake_case stay as they are).
      if (mark[0] === '_' && isWord(text[j + mark.length])) continue;
      // A single '*' must not be half of a '**'.
      if (mark.length === 1 && text[j + 1] === mark) {
        j++;
        continue;
      }
      return j;
    }
  }
  return -1;
}

export function safeHref(href: string): { href: string; external: boolean } | null {
  const h = href.trim();
  // Control characters and backslashes have no business in a link; '//host' would leave the site.
  if (h === '' || /[\u0000-\u001f\u007f\\\s]/.test(h) || h.startsWith('//')) return null;
  if (/^(https?:\/\/|mailto:)/i.test(h)) return { href: h, external: true };
  // Same-site targets: no scheme before the first '/', '?' or '#'.
  if (/^[?#/.]/.test(h) || /^[\w-]+(\/|$|[?#.])/.test(h)) {
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(h);
    if (!scheme) return { href: h, external: false };
  }
  return null;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const emit = (node: Inline) => {
    if (plain) out.push({ type: 'text', text: plain });
    plain = '';
    out.push(node);
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length && /[\\`*_$[\]()#+\-.!]/.test(text[i + 1])) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        emit({ type: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '$' && !isSpace(text[i + 1])) {
      const end = text.indexOf('$', i + 1);
      if (end > i + 1 && !isSpace(text[end - 1])) {
        emit({ type: 'math', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && !isSpace(text[i + (text[i + 1] === ch ? 2 : 1)]) && !(ch === '_' && isWord(text[i - 1]))) {
      const mark = text[i + 1] === ch ? ch + ch : ch;
      const end = closing(text, mark, i + mark.length);
      if (end > 0) {
        emit({ type: mark.length === 2 ? 'strong' : 'em', children: parseInline(text.slice(i + mark.length, end)) });
        i = end + mark.length;
        continue;
      }
    }
    if (ch === '[') {
      const close = text.indexOf('](', i + 1);
      const end = close < 0 ? -1 : text.indexOf(')', close + 2);
      if (close > i && end > close) {
        const target = safeHref(text.slice(close + 2, end));
        if (target) {
          emit({ type: 'link', ...target, children: parseInline(text.slice(i + 1, close)) });
          i = end + 1;
          continue;
        }
      }
    }
    plain += ch;
    i++;
  }
  if (plain) out.push({ type: 'text', text: plain });
  return out;
}

/** The text of a tree, without markup (for tests and accessible names). */
export function plainText(nodes: Inline[]): string {
  return nodes.map((n) => ('children' in n ? plainText(n.children) : n.text)).join('');
}
