/**
 * Results of a run: articles (Markdown rendered and sanitised), narration scripts, tweet threads
 * with copy buttons, thumbnails and figures, and export.zip; for a manga the reader and its CBZ
 * and PDF; for a page or program its generated files as text, the page's sandboxed preview and the
 * program's test results.
 */
import { useState } from "react";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { useI18n } from "../i18n/i18n.tsx";
import { CopyButton } from "../shell/CopyButton.tsx";
import { PageTitle } from "../shell/PageTitle.tsx";
import { QueryProblem } from "../shell/QueryProblem.tsx";
import { artifactLabel, groupArtifacts, type Artifact } from "../results/artifact-groups.ts";
import { generatedFiles } from "../results/generated-files.ts";
import { GeneratedFilesView } from "../results/GeneratedFilesView.tsx";
import { markdownToSafeHtml } from "../results/markdown.ts";
import { MangaReader } from "../results/MangaReader.tsx";
import { downloadWithKey, useArtifacts, useArtifactText, useBlobUrl } from "../results/use-artifacts.ts";
import { useMangaBook } from "../results/use-manga-book.ts";
import { useRunDetail } from "../http/queries.ts";

/** tweets.json as the book pipeline writes it (its own schema lives below the web layer). */
const tweetThreadSchema = z.object({ tweets: z.array(z.string()) });

export function Results() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const artifacts = useArtifacts(id);
  const [chosen, setChosen] = useState<Artifact | null>(null);
  const [downloadProblem, setDownloadProblem] = useState<string | null>(null);
  const groups = groupArtifacts(artifacts.data ?? []);
  const detail = useRunDetail(id);
  const manga = detail.data?.pipeline === "manga";
  const finished = detail.data?.status === "completed" || detail.data?.status === "completed_with_errors";
  const book = useMangaBook(id, manga && finished);
  // A page or program run: the newest version of its files (the page's preview, the tests).
  const generated = generatedFiles(artifacts.data ?? []);
  // The manga exports by name (workers/pipelines/manga/keys.ts): the whole book as CBZ and PDF.
  const mangaFiles = (artifacts.data ?? []).filter((a) => /manga\/export\/manga\.(cbz|pdf)$/.test(a.path));
  const download = (url: string, filename: string) =>
    void downloadWithKey(url, filename).catch((err: unknown) => setDownloadProblem(String(err)));
  return (
    <>
      <PageTitle text={t("results.title")} />
      <p>
        <Link to={`/runs/${id}`}>
          {t("run.title")} {id}
        </Link>
      </p>
      <section className="card" aria-labelledby="downloads-title">
        <h2 id="downloads-title">{t("results.downloads")}</h2>
        <div className="actions">
          <button type="button" onClick={() => download(`/v1/workflows/${id}/export.zip`, `${id}.zip`)}>
            {t("common.download")}: {t("results.exportZip")}
          </button>
          {mangaFiles.map((file) => {
            const name = file.path.split("/").pop() ?? file.path;
            const format = name.endsWith(".cbz") ? "results.cbz" : "results.pdf";
            return (
              <button
                key={file.path}
                type="button"
                className="secondary"
                onClick={() => download(file.url, name)}
              >
                {t("common.download")}: {t(format)}
              </button>
            );
          })}
        </div>
        <p role="alert" className="problem">
          {downloadProblem}
        </p>
      </section>
      <QueryProblem query={artifacts} />
      {manga && book.data && book.data.pages.length > 0 && (
        <MangaReader runId={id} pages={book.data.pages} direction={book.data.direction} />
      )}
      {manga && !finished && <p>{t("reader.notYet")}</p>}
      {artifacts.data?.length === 0 && <p>{t("results.empty")}</p>}
      {generated && detail.data && (
        <GeneratedFilesView runId={id} pipeline={detail.data.pipeline} generated={generated} />
      )}
      {groups.articles.length > 0 && (
        <section aria-labelledby="articles-title">
          <h2 id="articles-title">{t("results.articles")}</h2>
          <div className="results-grid">
            <nav aria-labelledby="articles-title">
              <ol className="article-list">
                {groups.articles.map((a) => (
                  <li key={a.path}>
                    <button
                      type="button"
                      className="linklike"
                      aria-current={chosen?.path === a.path ? "true" : undefined}
                      onClick={() => setChosen(a)}
                    >
                      {artifactLabel(a)}
                    </button>
                  </li>
                ))}
              </ol>
            </nav>
            <ArticleView artifact={chosen} />
          </div>
        </section>
      )}
      {groups.scripts.length > 0 && (
        <section aria-labelledby="scripts-title">
          <h2 id="scripts-title">{t("results.scripts")}</h2>
          {groups.scripts.slice(0, 50).map((s) => (
            <TextArtifact key={s.path} artifact={s} />
          ))}
        </section>
      )}
      {groups.tweets.length > 0 && (
        <section aria-labelledby="tweets-title">
          <h2 id="tweets-title">{t("results.tweets")}</h2>
          {groups.tweets.map((a) => (
            <TweetThread key={a.path} artifact={a} />
          ))}
        </section>
      )}
      {/* A manga's images are its pages, read in the reader above; panels stay in the review. */}
      {!manga && groups.images.length > 0 && (
        <section aria-labelledby="gallery-title">
          <h2 id="gallery-title">{t("results.gallery")}</h2>
          <ul className="gallery">
            {groups.images.slice(0, 200).map((a) => (
              <li key={a.path}>
                <Figure artifact={a} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function ArticleView({ artifact }: { artifact: Artifact | null }) {
  const { t } = useI18n();
  const text = useArtifactText(artifact?.url ?? null);
  if (!artifact) return <p className="muted">{t("results.chooseArticle")}</p>;
  return (
    <article className="article-body card" aria-label={artifactLabel(artifact)}>
      <QueryProblem query={text} />
      {text.data !== undefined && <div dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(text.data) }} />}
    </article>
  );
}

function TextArtifact({ artifact }: { artifact: Artifact }) {
  const text = useArtifactText(artifact.url);
  return (
    <details className="card">
      <summary>{artifactLabel(artifact)}</summary>
      {text.data !== undefined && (
        <div className="article-body" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(text.data) }} />
      )}
    </details>
  );
}

function TweetThread({ artifact }: { artifact: Artifact }) {
  const { t } = useI18n();
  const text = useArtifactText(artifact.url);
  const thread = text.data === undefined ? null : tweetThreadSchema.safeParse(JSON.parse(text.data));
  return (
    <div className="card">
      <h3>{artifactLabel(artifact)}</h3>
      {thread?.success && (
        <ol className="tweets">
          {thread.data.tweets.map((tweet, i) => (
            <li key={i} className="actions">
              <span>{tweet}</span>
              <CopyButton text={tweet} label={`${t("common.copy")}: ${i + 1}`} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function Figure({ artifact }: { artifact: Artifact }) {
  const src = useBlobUrl(artifact.url);
  return (
    <figure>
      {src ? (
        <img src={src} alt={artifactLabel(artifact)} width={320} height={180} />
      ) : (
        <div className="img-placeholder" />
      )}
      <figcaption className="small muted">{artifactLabel(artifact)}</figcaption>
    </figure>
  );
}
