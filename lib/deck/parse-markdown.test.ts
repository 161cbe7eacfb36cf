import { describe, expect, it } from 'vitest';
import { parseAttributes, parseSlide, splitSlides } from './parse-markdown';

describe('splitSlides', () => {
  it('splits on --- lines only, not on table rules or hr inside text', () => {
    const md = '# A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n# B\n\n---   \n# C\n';
    const slides = splitSlides(md);
    expect(slides).toHaveLength(3);
    expect(slides[0]).toContain('|---|---|');
  });

  it('drops empty slides from leading or doubled separators', () => {
    expect(splitSlides('---\n# A\n---\n---\n# B')).toEqual(['# A', '# B']);
  });
});

describe('parseSlide', () => {
  it('separates speaker notes and renders both as HTML', () => {
    const slide = parseSlide('## Title\n\nBody text\n\nNote:\nSay **this**.');
    expect(slide.title).toBe('Title');
    expect(slide.html).toContain('<h2>Title</h2>');
    expect(slide.html).not.toContain('Say');
    expect(slide.notesHtml).toBe('<p>Say <strong>this</strong>.</p>');
  });

  it('takes the paragraph right under the heading as the subtitle, as text: not a source line, a fragment or anything further down', () => {
    expect(parseSlide('## Live: the baseline\n\nweb → catalog, `two` **nodes** &amp; more\n\n<div class="demo-slot" data-demo-slot></div>').subtitle).toBe(
      'web → catalog, two nodes & more',
    );
    expect(parseSlide('## Poll\n\n<!-- .poll: id="x" question="Q?" options="a|b" -->\n\nLater text').subtitle).toBe('');
    expect(parseSlide('## T\n\n<p class="source">Istio docs</p>').subtitle).toBe('');
    expect(parseSlide('## T\n\nSoon <!-- .element: class="fragment" -->').subtitle).toBe('');
    expect(parseSlide('## T\n\n- a list').subtitle).toBe('');
  });

  it('separates the viewer caption from the notes, in either order, and keeps both off the slide', () => {
    for (const source of ['## T\n\nBody\n\nCaption:\nWhat **happens**.\n\nNote:\nPress B.', '## T\n\nBody\n\nNote:\nPress B.\n\nCaption: What **happens**.']) {
      const slide = parseSlide(source);
      expect(slide.captionHtml).toBe('<p>What <strong>happens</strong>.</p>');
      expect(slide.notesHtml).toBe('<p>Press B.</p>');
      expect(slide.html).not.toMatch(/happens|Press/);
    }
    expect(parseSlide('## T\n\nNote: only notes').captionHtml).toBe('');
    expect(() => parseSlide('## T\nCaption: a\nCaption: b', 'x.md slide 1')).toThrow('x.md slide 1: two Caption: blocks');
  });

  it('reads slide attributes and removes the comment', () => {
    const slide = parseSlide('<!-- .slide: id="x" data-demo="panel" -->\n# T');
    expect(slide.attrs).toEqual({ id: 'x', 'data-demo': 'panel' });
    expect(slide.html).not.toContain('.slide');
  });

  it('applies element attributes to the containing list item and counts fragments', () => {
    const slide = parseSlide('- one <!-- .element: class="fragment" -->\n- two <!-- .element: class="fragment" -->\n- three');
    expect(slide.html).toContain('<li class="fragment">one');
    expect(slide.html).not.toContain('.element');
    expect(slide.fragments).toBe(2);
  });

  it('gives a comment at the end of a list item to the item, not to the bold or code just before it', () => {
    const slide = parseSlide('- out → **:15001**, in → **:15006** <!-- .element: class="fragment" -->\n- at `connect()` <!-- .element: class="fragment" -->');
    expect(slide.html).toMatch(/<li class="fragment">out → <strong>:15001<\/strong>, in → <strong>:15006<\/strong>\s*<\/li>/);
    expect(slide.html).toMatch(/<li class="fragment">at <code>connect\(\)<\/code>\s*<\/li>/);
    expect(slide.html).not.toMatch(/<(strong|code) class=/);
    expect(slide.fragments).toBe(2);
  });

  it('gives a trailing comment in a paragraph, heading or table cell to that block', () => {
    expect(parseSlide('Ask **who** <!-- .element: class="fragment" -->').html).toMatch(/^<p class="fragment">Ask <strong>who<\/strong>\s*<\/p>$/);
    expect(parseSlide('## Title `x` <!-- .element: class="fragment" -->').html).toMatch(/^<h2 class="fragment">Title <code>x<\/code>\s*<\/h2>$/);
    expect(parseSlide('| a |\n|---|\n| **1** <!-- .element: class="fragment" --> |').html).toMatch(/<td class="fragment"><strong>1<\/strong>\s*<\/td>/);
  });

  it('gives the comment to the inline element just before it only when it says data-inline, and keeps the marker', () => {
    const slide = parseSlide('Text ![img](a.png) <!-- .element: class="fragment" data-inline data-fragment-index="1" -->');
    expect(slide.html).toMatch(/<img [^>]*class="fragment"/);
    expect(slide.html).toMatch(/<img [^>]*data-inline/);
    expect(slide.html).not.toMatch(/<p[^>]*class=/);
    expect(parseSlide('Text ![img](a.png) <!-- .element: class="fragment" -->').html).toMatch(/^<p class="fragment">Text <img /);
  });

  it('applies to a block element when the comment follows it on its own line', () => {
    const slide = parseSlide('| a |\n|---|\n| 1 |\n<!-- .element: class="fragment" -->');
    expect(slide.html).toMatch(/<table class="fragment">/);
    expect(slide.fragments).toBe(1);
  });

  it('groups fragments that share a data-fragment-index into one step', () => {
    const slide = parseSlide('<p class="fragment" data-fragment-index="0">a</p>\n<p class="fragment" data-fragment-index="0">b</p>\n<p class="fragment">c</p>');
    expect(slide.fragments).toBe(2);
  });

  it('appends to an existing class', () => {
    const slide = parseSlide('<p class="lead">x</p>\n<!-- .element: class="fragment" -->');
    expect(slide.html).toContain('class="lead fragment"');
  });
});

describe('parseAttributes', () => {
  it('parses quoted attributes and ignores junk', () => {
    expect(parseAttributes('a="1" data-x="two words" junk')).toEqual({ a: '1', 'data-x': 'two words' });
  });
});
