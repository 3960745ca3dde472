/** Text and attribute values for hand-built SVG / XML: markup characters become references. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
