/**
 * A phase's own preview (workers/protocol `ReviewView`) made for people: the text as headed
 * sections and the images as a grid of figures fetched with the key. Each manga phase gets its
 * own layout by `kind` (a concept card, character sheets beside their descriptions, an act
 * outline, storyboard pages, a panel grid, lettered and final pages); unknown kinds get the
 * generic one.
 */
import type { ReviewView } from "../../../workers/protocol/live.ts";
import { AuthImage } from "./AuthImage.tsx";
import { withQuality, type PageQuality } from "./page-quality.ts";

/** Thumbnails are laid out at this width; the chosen quality decides how many pixels fill it. */
const THUMB_WIDTH = 240;

export function PhaseView({ view, quality }: { view: ReviewView; quality: PageQuality }) {
  const kind = view.kind.replace(/\W/g, "-");
  return (
    <div className={`phase-view view-${kind}`}>
      <p className="view-title">{view.title}</p>
      {view.kind === "manga.character-sheets" ? (
        <CharacterSheets view={view} />
      ) : (
        <>
          {view.images.length > 0 && <ImageGrid images={view.images} quality={quality} />}
          <Sections sections={view.sections} />
        </>
      )}
    </div>
  );
}

function Sections({ sections }: { sections: ReviewView["sections"] }) {
  return (
    <div className="view-sections">
      {sections.map((s, i) => (
        <section key={i} className="view-section">
          <h5>{s.heading}</h5>
          <ul>
            {s.lines.map((line, j) => (
              <li key={j}>{line}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function ImageGrid({ images, quality }: { images: ReviewView["images"]; quality: PageQuality }) {
  return (
    <ul className="image-grid">
      {images.map((image) => (
        <li key={image.url}>
          <figure>
            <AuthImage
              url={withQuality(image.url, quality)}
              alt={image.caption}
              width={THUMB_WIDTH}
              height={Math.round((THUMB_WIDTH * image.height) / Math.max(image.width, 1))}
            />
            <figcaption className="small">{image.caption}</figcaption>
          </figure>
        </li>
      ))}
    </ul>
  );
}

/** Each character's sheet beside what the text says about them (sections and images share order). */
function CharacterSheets({ view }: { view: ReviewView }) {
  return (
    <ul className="character-sheets">
      {view.sections.map((s, i) => {
        // Sheets are matched by the character id in the heading ("Name (id) — role"): a character
        // without a sheet has no image, so positions alone could pair the wrong ones.
        const image = view.images.find((img) => img.target && s.heading.includes(`(${img.target})`));
        return (
          <li key={i} className="character-sheet">
            {image && (
              <AuthImage
                url={image.url}
                alt={image.caption}
                width={THUMB_WIDTH}
                height={Math.round((THUMB_WIDTH * image.height) / Math.max(image.width, 1))}
              />
            )}
            <section className="view-section">
              <h5>{s.heading}</h5>
              <ul>
                {s.lines.map((line, j) => (
                  <li key={j}>{line}</li>
                ))}
              </ul>
            </section>
          </li>
        );
      })}
    </ul>
  );
}
