/**
 * Pixel size and type of PNG, JPEG and GIF files from their headers, without decoding them.
 */
export type RasterType = "png" | "jpeg" | "gif";

export interface RasterInfo {
  type: RasterType;
  width: number;
  height: number;
}

function pngInfo(bytes: Uint8Array, view: DataView): RasterInfo | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || !signature.every((byte, i) => bytes[i] === byte)) return undefined;
  return { type: "png", width: view.getUint32(16), height: view.getUint32(20) };
}

function gifInfo(bytes: Uint8Array, view: DataView): RasterInfo | undefined {
  const magic = String.fromCharCode(...bytes.subarray(0, 6));
  if (magic !== "GIF87a" && magic !== "GIF89a") return undefined;
  return { type: "gif", width: view.getUint16(6, true), height: view.getUint16(8, true) };
}

function jpegInfo(bytes: Uint8Array, view: DataView): RasterInfo | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    const length = view.getUint16(at + 2);
    // SOF0-SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { type: "jpeg", width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    }
    at += 2 + length;
  }
  return undefined;
}

/** The raster type and size, or undefined when the bytes are none of PNG, JPEG, GIF. */
export function rasterInfo(bytes: Uint8Array): RasterInfo | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return pngInfo(bytes, view) ?? gifInfo(bytes, view) ?? jpegInfo(bytes, view);
}
