// Files bundled by Vite as hashed assets of our own origin: `import url from './x.geojson?url'`.
declare module '*?url' {
  const url: string;
  export default url;
}
