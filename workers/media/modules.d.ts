// Module types for the non-code files the Worker bundles through wrangler.toml [[rules]]:
// Markdown prompt templates and SVG templates arrive as text, fonts as raw bytes.
declare module "*.md" {
  const text: string;
  export default text;
}
declare module "*.svg" {
  const text: string;
  export default text;
}
declare module "*.otf" {
  const bytes: ArrayBuffer;
  export default bytes;
}
