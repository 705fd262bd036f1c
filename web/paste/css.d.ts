// Stylesheets imported by the page script are bundled by Vite into paste.css.
declare module '*.css';
