/**
 * A page or program run's files as text (never rendered: a model wrote them, and the app's origin
 * must not run them), the page's sandboxed preview (served by the API under its own CSP sandbox,
 * workers/api/routes/page-preview.ts) and the program's test results.
 */
import { z } from "zod";
import { useI18n } from "../i18n/i18n.tsx";
import type { Artifact } from "./artifact-groups.ts";
import type { GeneratedFiles } from "./generated-files.ts";
import { useArtifactText } from "./use-artifacts.ts";

/** test-report.json as the sandbox writes it (its own schema lives below the web layer). */
const reportSchema = z.object({ passed: z.number(), failed: z.number() });

export function GeneratedFilesView({
  runId,
  pipeline,
  generated,
}: {
  runId: string;
  pipeline: string;
  generated: GeneratedFiles;
}) {
  const { t } = useI18n();
  const report = generated.files.find((f) => f.name === "test-report.json");
  return (
    <section className="card" aria-labelledby="files-title">
      <h2 id="files-title">{t("results.files")}</h2>
      <p className="muted small">{t("results.filesVersion", { n: generated.version })}</p>
      {pipeline === "page" && (
        <p>
          <a href={`/v1/workflows/${runId}/preview/index.html`} target="_blank" rel="noopener noreferrer">
            {t("results.preview")}
          </a>
          <br />
          <span className="muted small">{t("results.previewNote")}</span>
        </p>
      )}
      {report && <TestSummary artifact={report.artifact} />}
      <ul className="file-list">
        {generated.files.map((f) => (
          <li key={f.artifact.path}>
            <FileText name={f.name} artifact={f.artifact} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function TestSummary({ artifact }: { artifact: Artifact }) {
  const { t } = useI18n();
  const text = useArtifactText(artifact.url);
  const parsed = text.data === undefined ? null : jsonOrNull(text.data);
  const report = reportSchema.safeParse(parsed);
  return report.success ? <p role="status">{t("results.tests", report.data)}</p> : null;
}

function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function FileText({ name, artifact }: { name: string; artifact: Artifact }) {
  const text = useArtifactText(artifact.url);
  return (
    <details>
      <summary>{name}</summary>
      {/* Text content only: React escapes it, so generated HTML and scripts stay inert here. */}
      <pre tabIndex={0} aria-label={name}>
        {text.data ?? ""}
      </pre>
    </details>
  );
}
