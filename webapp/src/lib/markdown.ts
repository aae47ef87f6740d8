/**
 * A deliberately small Markdown subset for user text: paragraphs, line breaks, **bold**, *italic*, `code`,
 * fenced code blocks, bullet and numbered lists, and links to http(s) and mailto URLs. Every character of
 * the input is HTML-escaped exactly once and only the tags below are ever produced, so the result is safe
 * for {@html}: p, br, strong, em, code, pre, ul, ol, li, a[href][rel][target].
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const SAFE_URL = /^(?:https?:\/\/[^\s]+|mailto:[^\s]+)$/i;
// Control characters could hide a scheme from the check above in some browsers.
const CONTROL = /[\u0000-\u001f\u007f]/;

export function isSafeLinkUrl(url: string): boolean {
  return SAFE_URL.test(url) && !CONTROL.test(url);
}

function link(href: string, textHtml: string): string {
  return `<a href="${escapeHtml(href)}" rel="noopener nofollow" target="_blank">${textHtml}</a>`;
}

// Placeholders keep finished HTML out of reach of later passes; NUL cannot occur in the input (stripped).
const HOLE = /\u0000(\d+)\u0000/g;
const HAS_HOLE = /\u0000\d+\u0000/;

function emphasis(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![*\w])/g, '$1<em>$2</em>');
}

function inline(raw: string): string {
  const held: string[] = [];
  const hold = (html: string) => `\u0000${held.push(html) - 1}\u0000`;

  let s = raw.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks: string, code: string) =>
    hold(`<code>${escapeHtml(code.replace(/^ (.*) $/s, '$1'))}</code>`),
  );
  s = s.replace(/\[([^\[\]\n]+)\]\(\s*([^\s()]+)\s*\)/g, (m, text: string, href: string) =>
    isSafeLinkUrl(href) ? hold(link(href, emphasis(escapeHtml(text)))) : m,
  );
  s = s.replace(/\b(?:https?:\/\/|mailto:)[^\s<>"'`\u0000]+/gi, (url: string) => {
    const trimmed = url.replace(/[.,;:!?)\]]+$/, '');
    const rest = url.slice(trimmed.length);
    return isSafeLinkUrl(trimmed) ? hold(link(trimmed, escapeHtml(trimmed))) + rest : url;
  });

  let html = emphasis(escapeHtml(s));
  for (let depth = 0; depth < 4 && HAS_HOLE.test(html); depth++) {
    html = html.replace(HOLE, (_m, i: string) => held[Number(i)]);
  }
  return html;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})[^`]*$/;
const BULLET = /^ {0,3}[-*+]\s+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/;

function isBlank(line: string): boolean {
  return line.trim() === '';
}

export function renderMarkdown(source: string | null | undefined): string {
  const lines = (source ?? '').replace(/\u0000/g, '').replace(/\r\n?/g, '\n').split('\n');
  const blocks: string[] = [];
  let i = 0;

  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }

    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1];
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(marker)) body.push(lines[i++]);
      i++; // the closing fence (or the end of the text)
      blocks.push(`<pre><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }

    const ordered = ORDERED.exec(line);
    if (BULLET.test(line) || ordered) {
      const pattern = ordered ? ORDERED : BULLET;
      const items: string[][] = [];
      while (i < lines.length && !isBlank(lines[i])) {
        const m = pattern.exec(lines[i]);
        if (m) items.push([m[m.length - 1]]);
        else if (/^\s+\S/.test(lines[i]) && items.length) items[items.length - 1].push(lines[i].trim());
        else break;
        i++;
      }
      const lis = items.map((item) => `<li>${item.map(inline).join('<br>')}</li>`).join('');
      const start = ordered && Number(ordered[1]) !== 1 ? ` start="${Number(ordered[1])}"` : '';
      blocks.push(ordered ? `<ol${start}>${lis}</ol>` : `<ul>${lis}</ul>`);
      continue;
    }

    const para: string[] = [];
    while (i < lines.length && !isBlank(lines[i]) && !FENCE.test(lines[i])) {
      // A list interrupts a paragraph only when it clearly starts one (as in CommonMark).
      const o = ORDERED.exec(lines[i]);
      if (para.length && (BULLET.test(lines[i]) || (o && o[1] === '1'))) break;
      para.push(lines[i++]);
    }
    blocks.push(`<p>${para.map((l) => inline(l.trim())).join('<br>')}</p>`);
  }
  return blocks.join('\n');
}

/**
 * Markdown source as plain text for short excerpts (cards, changelog, reply context): fence lines and list
 * markers dropped, `**bold**`, `*italic*` and `` `code` `` unwrapped, links reduced to their text. The result is
 * text, to be rendered escaped like any other string.
 */
export function markdownToText(source: string | null | undefined): string {
  return (source ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => !FENCE.test(line))
    .map((line) => line.replace(BULLET, '$1').replace(ORDERED, '$2'))
    .join('\n')
    .replace(/\[([^\]\n]*)\]\([^)\s]*\)/g, '$1')
    .replace(/\*\*(?=\S)([^\n]*?\S)\*\*/g, '$1')
    .replace(/\*(?=\S)([^*\n]*?\S)\*/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
