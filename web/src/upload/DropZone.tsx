/**
 * Where files arrive: dropped on the zone, or chosen with the file input inside it (the keyboard
 * and screen-reader way in; the label is the whole zone's text).
 */
import { useId, useState } from "react";
import { useI18n } from "../i18n/i18n.tsx";

export function DropZone({ onFiles, disabled }: { onFiles: (files: File[]) => void; disabled: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const [over, setOver] = useState(false);
  const [names, setNames] = useState("");
  const take = (list: FileList | null) => {
    const files = [...(list ?? [])];
    setNames(files.map((f) => f.name).join(", "));
    onFiles(files);
  };
  return (
    <div
      className={over ? "dropzone over" : "dropzone"}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!disabled) take(e.dataTransfer.files);
      }}
    >
      <label htmlFor={id}>{t("new.drop")}</label>
      <p>
        <input
          id={id}
          type="file"
          multiple
          accept=".zip,.md,.markdown,.txt,application/zip,text/markdown,text/plain"
          disabled={disabled}
          onChange={(e) => take(e.target.files)}
        />
      </p>
      {names && <p className="muted small">{t("new.chosen", { names })}</p>}
    </div>
  );
}
