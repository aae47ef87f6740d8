import { describe, expect, it } from 'vitest';
import { escapeHtml, markdownToText, renderMarkdown } from '../src/lib/markdown';

const ALLOWED_TAGS = new Set(['P', 'BR', 'STRONG', 'EM', 'CODE', 'PRE', 'UL', 'OL', 'LI', 'A']);

/** Parses the output like a browser would and checks that nothing but the allowed subset came out. */
function assertSafe(html: string) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    expect(ALLOWED_TAGS.has(el.tagName), `unexpected <${el.tagName}> in ${html}`).toBe(true);
    for (const attr of Array.from(el.attributes)) {
      if (el.tagName === 'A') {
        expect(['href', 'rel', 'target']).toContain(attr.name);
      } else if (el.tagName === 'OL') {
        expect(attr.name).toBe('start');
      } else {
        throw new Error(`unexpected attribute ${attr.name} on <${el.tagName}> in ${html}`);
      }
    }
    if (el.tagName === 'A') {
      expect(el.getAttribute('href')).toMatch(/^(https?:\/\/|mailto:)/i);
      expect(el.getAttribute('rel')).toBe('noopener nofollow');
      expect(el.getAttribute('target')).toBe('_blank');
    }
  }
  return doc.body;
}

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD4=)',
  '[click](vbscript:msgbox)',
  '[x](https://a.example/"onmouseover="alert(1))',
  "[x](https://a.example/'onmouseover='alert(1))",
  '[x](https://a.example/ onmouseover=alert(1))',
  'https://a.example/"><img src=x onerror=alert(1)>',
  '**<b>bold</b>**',
  '`<script>`',
  '```\n</code></pre><script>alert(1)</script>\n```',
  '- <iframe src=//evil>\n- item',
  '1. <a href="javascript:alert(1)">x</a>',
  '[a](https://ok.example)<style>*{}</style>',
  '&lt;script&gt; &amp;',
  '\u0000<img\u0000src=x onerror=alert(1)>',
  '[`x`](https://a.example) *[y](mailto:a@b.example)*',
  'java\nscript:alert(1)',
  '[x](https://a.example/\u0001javascript:alert(1))',
];

describe('renderMarkdown safety', () => {
  it.each(PAYLOADS)('emits only the allowed subset for %j', (payload) => {
    assertSafe(renderMarkdown(payload));
  });

  it('shows a title-like HTML string as text', () => {
    const body = assertSafe(renderMarkdown('<img src=x onerror=alert(1)>'));
    expect(body.querySelector('img')).toBeNull();
    expect(body.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('leaves an unsafe link as plain text', () => {
    const body = assertSafe(renderMarkdown('[click](javascript:alert(1))'));
    expect(body.querySelector('a')).toBeNull();
    expect(body.textContent).toContain('click');
  });

  it('escapes every special character', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('renders nothing for empty input', () => {
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown(null)).toBe('');
  });
});

describe('renderMarkdown formatting', () => {
  it('splits paragraphs and keeps line breaks', () => {
    expect(renderMarkdown('one\ntwo\n\nthree')).toBe('<p>one<br>two</p>\n<p>three</p>');
  });

  it('renders bold, italic and code', () => {
    expect(renderMarkdown('**b** *i* `c`')).toBe('<p><strong>b</strong> <em>i</em> <code>c</code></p>');
  });

  it('does not format inside code', () => {
    expect(renderMarkdown('`**x**`')).toBe('<p><code>**x**</code></p>');
  });

  it('does not treat a lone asterisk or snake_case as emphasis', () => {
    expect(renderMarkdown('2 * 3 * 4')).toBe('<p>2 * 3 * 4</p>');
    expect(renderMarkdown('a*b*c')).toBe('<p>a*b*c</p>');
  });

  it('renders fenced code verbatim', () => {
    expect(renderMarkdown('```js\nconst a = 1 < 2;\n**no**\n```')).toBe('<pre><code>const a = 1 &lt; 2;\n**no**</code></pre>');
  });

  it('renders bullet and numbered lists', () => {
    expect(renderMarkdown('- a\n- **b**')).toBe('<ul><li>a</li><li><strong>b</strong></li></ul>');
    expect(renderMarkdown('1. a\n2. b')).toBe('<ol><li>a</li><li>b</li></ol>');
    expect(renderMarkdown('3. c\n4. d')).toBe('<ol start="3"><li>c</li><li>d</li></ol>');
  });

  it('starts a list after a paragraph line', () => {
    expect(renderMarkdown('Steps:\n- a\n- b')).toBe('<p>Steps:</p>\n<ul><li>a</li><li>b</li></ul>');
  });

  it('renders safe links with rel and target', () => {
    expect(renderMarkdown('[docs](https://example.com/a?b=1&c=2)')).toBe(
      '<p><a href="https://example.com/a?b=1&amp;c=2" rel="noopener nofollow" target="_blank">docs</a></p>',
    );
    expect(renderMarkdown('mail [me](mailto:a@b.example)')).toContain('href="mailto:a@b.example"');
  });

  it('links bare URLs without trailing punctuation', () => {
    expect(renderMarkdown('See https://example.com/x.')).toBe(
      '<p>See <a href="https://example.com/x" rel="noopener nofollow" target="_blank">https://example.com/x</a>.</p>',
    );
  });
});

describe('markdownToText', () => {
  it('drops the markup and keeps the words', () => {
    expect(markdownToText('A **dark-mode** would *really* help with `code`.')).toBe('A dark-mode would really help with code.');
    expect(markdownToText('- one\n- two\n1. three')).toBe('one two three');
    expect(markdownToText('See [the docs](https://example.com/a).')).toBe('See the docs.');
    expect(markdownToText('```js\nlet x = 1;\n```')).toBe('let x = 1;');
    expect(markdownToText(null)).toBe('');
  });

  it('leaves html as text for escaped rendering', () => {
    expect(markdownToText('<script>alert(2)</script> **still text**')).toBe('<script>alert(2)</script> still text');
    expect(markdownToText('2 * 3 * 4')).toBe('2 * 3 * 4');
  });
});
