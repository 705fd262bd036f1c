import { marked } from 'marked';
const [name, n] = [process.argv[2], Number(process.argv[3])];
const cases = {
 lists: (n)=>Array.from({length:n},(_, i)=>' '.repeat(i*2)+'- x').join('\n'),
 quotes: (n)=>'>'.repeat(n)+' x',
 brackets: (n)=>'['.repeat(n),
 emph: (n)=>'*a '.repeat(n),
 ticks: (n)=>'`a'.repeat(n),
 links: (n)=>'[a]('.repeat(n),
 html: (n)=>'<div>'.repeat(n),
 table: (n)=>'|a|\n|-|\n'+'|x|\n'.repeat(n),
 lt: (n)=>'<'.repeat(n),
 stars: (n)=>'*'.repeat(n)+'a',
 under: (n)=>'_a'.repeat(n),
};
const text = cases[name](n);
const s=performance.now();
try { const r = marked.parse(text); console.log(name, n, text.length, (performance.now()-s).toFixed(0),'ms'); } catch(e){ console.log(name,n,'THROWS',e.constructor.name)}
