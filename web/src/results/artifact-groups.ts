/**
 * A book run's stored files sorted into what the results page shows, by their place in the
 * output tree (workers/pipelines/book/output-layout.ts): articles, narration scripts, tweet
 * threads, images.
 */
import type { z } from "zod";
import type { artifactSchema } from "../../../workers/protocol/artifacts.ts";

export type Artifact = z.infer<typeof artifactSchema>;
export type ArtifactGroups = {
  articles: Artifact[];
  scripts: Artifact[];
  tweets: Artifact[];
  images: Artifact[];
};

export function groupArtifacts(artifacts: readonly Artifact[]): ArtifactGroups {
  const groups: ArtifactGroups = { articles: [], scripts: [], tweets: [], images: [] };
  for (const artifact of artifacts) {
    const name = artifact.path.split("/").pop() ?? "";
    if (name === "article.md" || name === "section.md" || name === "chapter.md")
      groups.articles.push(artifact);
    else if (name === "script.md") groups.scripts.push(artifact);
    else if (name === "tweets.json") groups.tweets.push(artifact);
    else if (artifact.contentType.startsWith("image/")) groups.images.push(artifact);
  }
  return groups;
}

/** "ch01-intro/s02-basics/p03/article.md" → "ch01-intro › s02-basics › p03 › article". */
export function artifactLabel(artifact: Artifact): string {
  return artifact.path
    .replace(/^book\//, "")
    .replace(/\.(md|json|png)$/, "")
    .split("/")
    .join(" › ");
}
