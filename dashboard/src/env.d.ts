// Stylesheets are bundled by Vite (fonts included); TypeScript only needs to know they exist.
declare module '*.css';
