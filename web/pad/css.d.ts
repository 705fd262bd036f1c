// Stylesheets imported by the page script are bundled by Vite into pad.css.
declare module '*.css';
