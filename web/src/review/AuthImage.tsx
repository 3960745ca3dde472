/**
 * An image the API serves only with the key: fetched with it and shown as a `blob:` URL (an
 * <img> cannot send a Bearer key, and the key never goes into a URL). The box keeps the image's
 * aspect ratio before it arrives, so nothing shifts when it does.
 */
import { useBlobUrl } from "../results/use-artifacts.ts";

export function AuthImage({
  url,
  alt,
  width,
  height,
  className,
}: {
  url: string;
  alt: string;
  width: number;
  height: number;
  className?: string;
}) {
  const src = useBlobUrl(url);
  return src ? (
    <img src={src} alt={alt} width={width} height={height} className={className} />
  ) : (
    <div className={`img-placeholder ${className ?? ""}`} role="img" aria-label={alt} aria-busy="true" />
  );
}
