// What the directory keeps from a crawled file: every value shown or followed is checked again here,
// whatever the validator said (issue 10, E17).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChatonsInfos } from '../../src/federation/chatonsinfos/index.js';
import { MAX_LINKS, extractOrganization, extractService } from '../../src/federation/crawler/extract.js';

const org = (lines: string) => extractOrganization(parseChatonsInfos(`file.class = Organization\norganization.name = Chaton\n${lines}`));

test('links: only whole http(s) URLs are kept, a long one is dropped rather than cut', () => {
  const long = `https://example.org/${'a'.repeat(600)}`;
  const o = org(`organization.website = javascript:alert(1)\norganization.logo = ${long}\norganization.contact.url = https://exa mple.org/\n`);
  assert.equal(o.website, '');
  assert.equal(o.logo, '');
  assert.equal(o.contact_url, '');
  assert.equal(org('organization.website = https://chaton.example/\n').website, 'https://chaton.example/');
  const s = extractService(parseChatonsInfos('service.name = Pad\nservice.website = data:text/html,<script>\nsoftware.website = //evil.example/\n'));
  assert.equal(s.website, '');
  assert.equal(s.software_website, '');
});

test('an address, a country and the enumerations keep only the values they may take', () => {
  const o = org('organization.contact.email = a@b.example?body=spam\norganization.country.code = <>\norganization.type = SPACESHIP\norganization.memberof.chatons.status.level = BOSS\n');
  assert.equal(o.contact_email, '');
  assert.equal(o.country_code, '');
  assert.equal(o.type, '');
  assert.equal(o.memberof_level, '');
  const good = org('organization.contact.email = bonjour@chaton.example\norganization.country.code = fr\norganization.type = association\n');
  assert.deepEqual([good.contact_email, good.country_code, good.type], ['bonjour@chaton.example', 'FR', 'ASSOCIATION']);
  const s = extractService(parseChatonsInfos('service.name = Pad\nservice.registration.load = HUGE\nservice.status.level = on\n'));
  assert.deepEqual([s.registration_load, s.status_level], ['', 'ON']);
});

test('funding and social links are bounded in number and name length, with checked addresses', () => {
  const many = Array.from({ length: 5000 }, (_, i) => `organization.funding.f${i} = https://pay.example/${i}`).join('\n');
  assert.equal(Object.keys(org(many).funding).length, MAX_LINKS);
  const o = org(`organization.funding.${'x'.repeat(200)} = https://pay.example/\norganization.funding.bad = https://pay example/\norganization.chatrooms.xmpp = xmpp:room@chat.example?join\norganization.socialnetworks.mastodon = javascript:alert(1)\n`);
  assert.deepEqual(o.funding, {});
  assert.deepEqual(o.socials, { xmpp: 'xmpp:room@chat.example?join' });
});
