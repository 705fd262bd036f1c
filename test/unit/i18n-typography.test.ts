import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { en } from '../../src/i18n/en.js';
import { translator } from '../../src/i18n/index.js';
import { checkChatonsInfosText } from '../../src/federation/chatonsinfos/validator.js';
import { DATE_EXAMPLES, DATETIME_EXAMPLES, parseDateTimeValue, parseDateValue } from '../../src/federation/chatonsinfos/values.js';
import { issueText } from '../../src/federation/directory/issues.js';
import type { PageCtx } from '../../src/server/page-context.js';

describe('typography and validator messages', () => {
  it('keeps no French spacing before : ; ! ? in English', () => {
    const bad = Object.entries(en).filter(([, v]) => /[\s\u00a0\u202f][:;!?]/.test(v)).map(([k]) => k);
    assert.deepEqual(bad, []);
    assert.equal(translator('en')('punct.colon'), ':');
    assert.equal(translator('fr')('punct.colon'), ' :');
  });

  it('shows as date examples exactly the forms the date rule accepts', () => {
    for (const d of DATE_EXAMPLES) assert.ok(parseDateValue(d), d);
    for (const d of DATETIME_EXAMPLES) assert.ok(parseDateTimeValue(d), d);
    assert.ok(DATE_EXAMPLES.some((d) => d.includes('/')), 'dd/mm/yyyy is accepted, so it is shown');
  });

  it('says in the validator message that dd/mm/yyyy is accepted, in French and English', () => {
    const text = 'file.class = Organization\norganization.startdate = 2021-31-12\norganization.enddate = 31/12/2021\n';
    const issues = checkChatonsInfosText(text).issues.filter((i) => i.code === 'bad-date');
    assert.equal(issues.length, 1, 'only the impossible date is refused; 31/12/2021 is accepted');
    const issue = issues[0]!;
    for (const lang of ['fr', 'en'] as const) {
      const shown = issueText({ t: translator(lang), lang } as unknown as PageCtx, { ...issue, params: issue.params ?? {} });
      assert.match(shown, /2021-31-12/);
      for (const d of DATE_EXAMPLES) assert.ok(shown.includes(d), `${lang}: ${shown}`);
    }
  });
});
