/**
 * The family name of the embedded font, apart from the font bytes so that code which only names
 * the font (Mermaid SVG, templates) can run where the binary module cannot be imported (Node
 * scripts such as the benchmark).
 */
export const EMBEDDED_FONT_FAMILY = "Noto Sans CJK JP";
