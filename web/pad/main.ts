// The pad's browser code: the editor page or the timeslider, plus small helpers (file inputs that fill
// a textarea, links that select themselves).
import 'prosemirror-view/style/prosemirror.css';
import './pad.css';
import { startPad } from './pad-page.js';
import { startTimeslider } from './timeslider.js';

document.documentElement.classList.add('js');

const app = document.getElementById('pad-app');
if (app) startPad(app);
const slider = document.getElementById('pad-timeslider');
if (slider) startTimeslider(slider);

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

for (const input of document.querySelectorAll<HTMLInputElement>('input[type=file][data-fills]')) {
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    const target = document.getElementById(input.dataset.fills ?? '') as HTMLTextAreaElement | null;
    if (!file || !target) return;
    // A Word file is sent as base64 text in the same field (the server unpacks it).
    const docx = /\.docx$/i.test(file.name);
    const read = docx ? file.arrayBuffer().then((b) => base64(new Uint8Array(b))) : file.text();
    void read.then((text) => {
      target.value = text;
      const format = document.getElementById('import-format') as HTMLSelectElement | null;
      const ext = /\.([a-z]+)$/i.exec(file.name)?.[1]?.toLowerCase();
      if (format && ext) format.value = ext === 'markdown' ? 'md' : ext === 'htm' ? 'html' : ['txt', 'md', 'html', 'docx'].includes(ext) ? ext : format.value;
    });
  });
}
for (const input of document.querySelectorAll<HTMLInputElement>('input.copy')) input.addEventListener('focus', () => input.select());
