// Export of a pad as a word processor's file: .docx through the `docx` library, .odt as an OpenDocument
// package written here (no well-kept library writes ODF text; the package is four small XML files zipped
// by fflate). Both keep headings, bold, italic, underline, strike, code, links, quotes, code blocks and
// lists with their first number. Loaded on the first such export, not at start.
import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { strToU8, zipSync } from 'fflate';
import type * as Y from 'yjs';
import { isAllowedHref } from '../../markup/allow-list.js';
import { docToBlocks, type Block, type Run } from './document.js';

// ---- .docx ----

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

/** Only absolute web and mail addresses make sense in a file: a same-site path has no site there. */
const absolute = (href: string) => isAllowedHref(href) && /^(https?:|mailto:)/i.test(href);

function docxRuns(runs: Run[]): ParagraphChild[] {
  return runs.flatMap((r) =>
    r.text.split('\n').map((text, i) => {
      const m = r.marks;
      const run = new TextRun({ text, break: i > 0 ? 1 : 0, bold: !!m.strong, italics: !!m.em, strike: !!m.strike, ...(m.underline ? { underline: {} } : {}), ...(m.code ? { font: 'Courier New' } : {}) });
      return typeof m.link === 'object' && absolute(m.link.href) ? new ExternalHyperlink({ link: m.link.href, children: [run] }) : run;
    }),
  );
}

interface DocxContext { lists: { reference: string; start: number }[] }

function docxBlocks(blocks: Block[], ctx: DocxContext, indent = 0, list?: { reference?: string; level: number }): Paragraph[] {
  const out: Paragraph[] = [];
  const margin = indent ? { indent: { left: indent * 360 } } : {};
  blocks.forEach((b, i) => {
    const numbering = i === 0 && list ? (list.reference ? { numbering: { reference: list.reference, level: 0 } } : { bullet: { level: Math.min(list.level, 8) } }) : {};
    if (b.type === 'paragraph') out.push(new Paragraph({ children: docxRuns(b.runs), ...margin, ...numbering }));
    else if (b.type === 'heading') out.push(new Paragraph({ children: docxRuns(b.runs), heading: HEADINGS[b.level - 1]!, ...margin }));
    else if (b.type === 'code_block') for (const line of b.text.split('\n')) out.push(new Paragraph({ children: [new TextRun({ text: line, font: 'Courier New' })], ...margin }));
    else if (b.type === 'horizontal_rule') out.push(new Paragraph({ thematicBreak: true, children: [] }));
    else if (b.type === 'blockquote') out.push(...docxBlocks(b.blocks, ctx, indent + 1));
    else {
      let reference: string | undefined;
      if (b.type === 'ordered_list') {
        reference = `ol${ctx.lists.length + 1}`;
        ctx.lists.push({ reference, start: b.order });
      }
      for (const item of b.items) out.push(...docxBlocks(item, ctx, indent + 1, { ...(reference ? { reference } : {}), level: indent }));
    }
  });
  return out;
}

export async function toDocx(doc: Y.Doc, title: string): Promise<Buffer> {
  const ctx: DocxContext = { lists: [] };
  const children = docxBlocks(docToBlocks(doc), ctx);
  const file = new Document({
    title,
    // Each numbered list is its own numbering, starting at its own first number.
    numbering: { config: ctx.lists.map(({ reference, start }) => ({ reference, levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', start, alignment: AlignmentType.START }] })) },
    sections: [{ children }],
  });
  return Packer.toBuffer(file);
}

// ---- .odt (OpenDocument text, ISO/IEC 26300) ----

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const SPAN_STYLES = ['strong', 'em', 'underline', 'strike', 'code'] as const;

function odtRuns(runs: Run[]): string {
  return runs
    .map((r) => {
      let s = r.text.split('\n').map(xml).join('<text:line-break/>').replace(/ {2,}/g, (m) => ` <text:s text:c="${m.length - 1}"/>`);
      const styles = SPAN_STYLES.filter((m) => r.marks[m]);
      if (styles.length) s = `<text:span text:style-name="T_${styles.join('_')}">${s}</text:span>`;
      if (typeof r.marks.link === 'object' && absolute(r.marks.link.href)) s = `<text:a xlink:type="simple" xlink:href="${xml(r.marks.link.href)}">${s}</text:a>`;
      return s;
    })
    .join('');
}

function odtBlocks(blocks: Block[], quote = false): string {
  const p = quote ? 'Quote' : 'Standard';
  return blocks
    .map((b) => {
      if (b.type === 'paragraph') return `<text:p text:style-name="${p}">${odtRuns(b.runs)}</text:p>`;
      if (b.type === 'heading') return `<text:h text:style-name="Heading_${b.level}" text:outline-level="${b.level}">${odtRuns(b.runs)}</text:h>`;
      if (b.type === 'code_block') return b.text.split('\n').map((l) => `<text:p text:style-name="Code">${odtRuns([{ text: l, marks: {} }])}</text:p>`).join('');
      if (b.type === 'horizontal_rule') return '<text:p text:style-name="Rule"/>';
      if (b.type === 'blockquote') return odtBlocks(b.blocks, true);
      const ordered = b.type === 'ordered_list';
      const items = b.items.map((item, i) => {
        const start = ordered && i === 0 && b.order !== 1 ? ` text:start-value="${b.order}"` : '';
        return `<text:list-item${start}>${odtBlocks(item, quote)}</text:list-item>`;
      });
      return `<text:list text:style-name="${ordered ? 'Numbers' : 'Bullets'}">${items.join('')}</text:list>`;
    })
    .join('');
}

const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"';

function spanStyles(): string {
  const props: Record<(typeof SPAN_STYLES)[number], string> = {
    strong: 'fo:font-weight="bold"',
    em: 'fo:font-style="italic"',
    underline: 'style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"',
    strike: 'style:text-line-through-style="solid"',
    code: 'style:font-name="Courier New" fo:font-family="\'Courier New\'"',
  };
  // Every combination of the five (32 styles): a span names the one it needs.
  const out: string[] = [];
  for (let mask = 1; mask < 32; mask++) {
    const names = SPAN_STYLES.filter((_, i) => mask & (1 << i));
    out.push(`<style:style style:name="T_${names.join('_')}" style:family="text"><style:text-properties ${names.map((n) => props[n]).join(' ')}/></style:style>`);
  }
  return out.join('');
}

function listStyles(): string {
  const levels = (f: (l: number) => string) => Array.from({ length: 10 }, (_, i) => f(i + 1)).join('');
  const indent = (l: number) => `<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.25in" fo:margin-left="${(l * 0.25).toFixed(2)}in"/></style:list-level-properties>`;
  return (
    `<text:list-style style:name="Numbers">${levels((l) => `<text:list-level-style-number text:level="${l}" style:num-suffix="." style:num-format="1">${indent(l)}</text:list-level-style-number>`)}</text:list-style>` +
    `<text:list-style style:name="Bullets">${levels((l) => `<text:list-level-style-bullet text:level="${l}" text:bullet-char="•">${indent(l)}</text:list-level-style-bullet>`)}</text:list-style>`
  );
}

function styles(): string {
  const headings = Array.from({ length: 6 }, (_, i) => `<style:style style:name="Heading_${i + 1}" style:display-name="Heading ${i + 1}" style:family="paragraph" style:default-outline-level="${i + 1}"><style:text-properties fo:font-size="${[200, 160, 130, 115, 100, 90][i]}%" fo:font-weight="bold"/></style:style>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS}><office:styles>` +
    '<style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.08in"/></style:style>' +
    '<style:style style:name="Quote" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="0.4in"/></style:style>' +
    '<style:style style:name="Code" style:family="paragraph"><style:text-properties style:font-name="Courier New" fo:font-family="\'Courier New\'"/></style:style>' +
    '<style:style style:name="Rule" style:family="paragraph"><style:paragraph-properties fo:border-bottom="0.5pt solid #000000"/></style:style>' +
    headings + spanStyles() + listStyles() + '</office:styles></office:document-styles>';
}

export function toOdt(doc: Y.Doc, title: string): Buffer {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:text>${odtBlocks(docToBlocks(doc))}</office:text></office:body></office:document-content>`;
  const meta = `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${NS}><office:meta><dc:title>${xml(title)}</dc:title></office:meta></office:document-meta>`;
  const manifest = '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
    ['content.xml', 'styles.xml', 'meta.xml'].map((f) => `<manifest:file-entry manifest:full-path="${f}" manifest:media-type="text/xml"/>`).join('') +
    '</manifest:manifest>';
  // The mimetype comes first and is stored uncompressed (ODF 1.3, part 2, 3.3).
  return Buffer.from(zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8(content),
    'styles.xml': strToU8(styles()),
    'meta.xml': strToU8(meta),
    'META-INF/manifest.xml': strToU8(manifest),
  }));
}
