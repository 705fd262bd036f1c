// The languages offered for syntax highlighting: all of highlight.js' "common" set (lib/common.js, minus
// plaintext, which is the "plain text" format), by label. Shared by the page (the selector) and its
// script (web/paste/hljs-languages.ts loads each one on demand); test/unit/paste-languages.test.ts keeps
// this list equal to highlight.js' own.
export const LANGUAGES = [
  ['bash', 'Bash'],
  ['c', 'C'],
  ['csharp', 'C#'],
  ['cpp', 'C++'],
  ['css', 'CSS'],
  ['diff', 'Diff'],
  ['go', 'Go'],
  ['graphql', 'GraphQL'],
  ['xml', 'HTML / XML'],
  ['ini', 'INI / TOML'],
  ['java', 'Java'],
  ['javascript', 'JavaScript'],
  ['json', 'JSON'],
  ['kotlin', 'Kotlin'],
  ['less', 'Less'],
  ['lua', 'Lua'],
  ['makefile', 'Makefile'],
  ['markdown', 'Markdown'],
  ['objectivec', 'Objective-C'],
  ['perl', 'Perl'],
  ['php', 'PHP'],
  ['php-template', 'PHP template'],
  ['python', 'Python'],
  ['python-repl', 'Python REPL'],
  ['r', 'R'],
  ['ruby', 'Ruby'],
  ['rust', 'Rust'],
  ['scss', 'SCSS'],
  ['shell', 'Shell session'],
  ['sql', 'SQL'],
  ['swift', 'Swift'],
  ['typescript', 'TypeScript'],
  ['vbnet', 'Visual Basic .NET'],
  ['wasm', 'WebAssembly'],
  ['yaml', 'YAML'],
] as const satisfies readonly (readonly [id: string, label: string])[];

export type LanguageId = (typeof LANGUAGES)[number][0];
