// The shared allow-list (charters on the server, pastes in the browser): what each kept element keeps.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { elementFate, isAllowedHref, isAllowedImageSrc, LINK_REL, MARKUP_ATTRIBUTE_NAMES, MARKUP_TAGS } from '../../src/markup/allow-list.js';

const stranger = { sameSiteImages: false };
const admin = { sameSiteImages: true };

describe('the markup allow-list', () => {
  it('lists no form, field, frame, script or style element, and no id, name, form, style or handler attribute', () => {
    for (const tag of ['form', 'input', 'textarea', 'button', 'select', 'option', 'label', 'iframe', 'object', 'embed', 'script', 'style', 'svg', 'math', 'base', 'meta', 'link']) {
      assert.ok(!(MARKUP_TAGS as readonly string[]).includes(tag), tag);
    }
    for (const name of MARKUP_ATTRIBUTE_NAMES) assert.doesNotMatch(name, /^(id|name|form|style|on.*|formaction|srcset|target)$/);
  });

  it('keeps only the allowed attributes of each element', () => {
    assert.deepEqual(elementFate('p', { id: 'paste-comment', name: 'comment', form: 'f', class: 'x', style: 'color:red', onclick: 'x()' }, stranger), { attributes: {} });
    assert.deepEqual(elementFate('code', { class: 'language-ts', id: 'x' }, stranger), { attributes: { class: 'language-ts' } });
    assert.deepEqual(elementFate('code', { class: 'hljs language-ts' }, stranger), { attributes: {} });
    assert.deepEqual(elementFate('td', { align: 'center' }, stranger), { attributes: { align: 'center' } });
    assert.deepEqual(elementFate('td', { align: 'expression(x)' }, stranger), { attributes: {} });
    assert.deepEqual(elementFate('ol', { start: '3' }, stranger), { attributes: { start: '3' } });
    assert.deepEqual(elementFate('ol', { start: '-1;x' }, stranger), { attributes: {} });
  });

  it('gives every link rel="noopener noreferrer nofollow" and keeps only web, mail and same-site addresses', () => {
    assert.deepEqual(elementFate('a', { href: 'https://example.org', target: '_blank', rel: 'opener' }, stranger), { attributes: { href: 'https://example.org', rel: LINK_REL } });
    for (const href of ['javascript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', '//evil.example/', '/\\evil.example', '#paste-comment', 'vbscript:x', 'page.html']) {
      assert.equal(isAllowedHref(href), false, href);
      assert.deepEqual(elementFate('a', { href }, stranger), { attributes: { rel: LINK_REL } }, href);
    }
    for (const href of ['http://example.org', 'HTTPS://example.org/a?b', 'mailto:contact@example.org', '/charters/services']) assert.equal(isAllowedHref(href), true, href);
  });

  it('replaces an image from elsewhere by its alternative text; same-site images only in admins’ text', () => {
    assert.deepEqual(elementFate('img', { src: 'https://tracker.example/p.gif', alt: 'le pixel', onerror: 'x()' }, admin), { text: 'le pixel' });
    assert.deepEqual(elementFate('img', { src: '//tracker.example/p.gif' }, admin), { text: '' });
    assert.deepEqual(elementFate('img', { src: '/assets/logo.png', alt: 'logo' }, admin), { attributes: { src: '/assets/logo.png', alt: 'logo' } });
    assert.deepEqual(elementFate('img', { src: '/assets/logo.png', alt: 'logo' }, stranger), { text: 'logo' });
    assert.deepEqual(elementFate('img', { src: 'data:image/png;base64,iVBORw0KGgo=', alt: 'a' }, stranger), { attributes: { src: 'data:image/png;base64,iVBORw0KGgo=', alt: 'a' } });
    assert.equal(isAllowedImageSrc('data:text/html;base64,PHNjcmlwdD4=', admin), false);
    assert.equal(isAllowedImageSrc('blob:https://example.org/x', stranger), false);
  });
});
