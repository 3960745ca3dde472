/**
 * A form generated from a step's output JSON Schema: objects as fieldsets, strings, numbers,
 * booleans and enums as their own controls, arrays as lists with add and remove; anything else
 * (unions, maps) as JSON in place. Problems found by the schema check are shown at their field
 * and listed above the submit button; the first one takes focus.
 */
import { useId, useMemo, useRef, useState } from "react";
import { useI18n } from "../../i18n/i18n.tsx";
import {
  checkerFor,
  emptyValue,
  getAt,
  kindOf,
  pathKey,
  removeAt,
  resolve,
  setAt,
  type JsonSchema,
  type Path,
  type Problems,
} from "./json-schema.ts";

type FieldProps = {
  schema: JsonSchema;
  root: JsonSchema;
  path: Path;
  label: string;
  value: unknown;
  onChange: (path: Path, next: unknown) => void;
  problems: Problems;
  idBase: string;
};

export function SchemaForm({
  schema,
  initial,
  onSave,
}: {
  schema: JsonSchema;
  initial: unknown;
  onSave: (value: unknown) => void;
}) {
  const { t } = useI18n();
  const idBase = useId();
  const [value, setValue] = useState(initial);
  const [problems, setProblems] = useState<Problems>(new Map());
  const summary = useRef<HTMLDivElement>(null);
  const check = useMemo(() => checkerFor(schema), [schema]);
  const onChange = (path: Path, next: unknown) => setValue((v: unknown) => setAt(v, path, next));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const found = check ? check(value) : new Map<string, string[]>();
    setProblems(found);
    if (found.size > 0) summary.current?.focus();
    else onSave(value);
  };
  return (
    <form onSubmit={submit} noValidate className="schema-form">
      <Field
        schema={schema}
        root={schema}
        path={[]}
        label={t("editor.output")}
        value={value}
        onChange={onChange}
        problems={problems}
        idBase={idBase}
      />
      <div ref={summary} tabIndex={-1} role="alert" className="problem small">
        {problems.size > 0 && (
          <>
            <p>{t("editor.problems", { n: problems.size })}</p>
            <ul>
              {[...problems].map(([path, messages]) => (
                <li key={path}>
                  <code>{path}</code>: {messages.join("; ")}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <button type="submit" className="secondary">
        {t("review.saveEdit")}
      </button>
    </form>
  );
}

function Field(props: FieldProps) {
  const schema = resolve(props.schema, props.root);
  const kind = kindOf(schema);
  if (kind === "object") return <ObjectField {...props} schema={schema} />;
  if (kind === "array") return <ArrayField {...props} schema={schema} />;
  return <LeafField {...props} schema={schema} />;
}

function fieldId(idBase: string, path: Path): string {
  return `${idBase}-${pathKey(path).replace(/[^\w-]/g, "_")}`;
}

function ObjectField({ schema, root, path, label, value, onChange, problems, idBase }: FieldProps) {
  const { t } = useI18n();
  const required = new Set(schema.required ?? []);
  return (
    <fieldset className="schema-object">
      <legend>{label}</legend>
      {Object.entries(schema.properties ?? {}).map(([key, child]) => {
        const childValue = getAt(value, [key]);
        return (
          <Field
            key={key}
            schema={child}
            root={root}
            path={[...path, key]}
            label={required.has(key) ? key : `${key} (${t("editor.optional")})`}
            value={childValue}
            onChange={onChange}
            problems={problems}
            idBase={idBase}
          />
        );
      })}
    </fieldset>
  );
}

function ArrayField({ schema, root, path, label, value, onChange, problems, idBase }: FieldProps) {
  const { t } = useI18n();
  const items = Array.isArray(value) ? value : [];
  const itemSchema = schema.items as JsonSchema;
  const own = problems.get(pathKey(path));
  return (
    <fieldset className="schema-array">
      <legend>
        {label} ({items.length})
      </legend>
      {own && <p className="problem small">{own.join("; ")}</p>}
      <ol>
        {items.map((item, i) => (
          <li key={i}>
            <Field
              schema={itemSchema}
              root={root}
              path={[...path, i]}
              label={`${label} ${i + 1}`}
              value={item}
              onChange={onChange}
              problems={problems}
              idBase={idBase}
            />
            <button
              type="button"
              className="secondary small"
              onClick={() => onChange(path, removeAt(items, [], i))}
            >
              {t("editor.remove", { item: `${label} ${i + 1}` })}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="secondary small"
        onClick={() => onChange(path, [...items, emptyValue(itemSchema, root)])}
      >
        {t("editor.add", { item: label })}
      </button>
    </fieldset>
  );
}

function LeafField({ schema, path, label, value, onChange, problems, idBase }: FieldProps) {
  const { t } = useI18n();
  const kind = kindOf(schema);
  const id = fieldId(idBase, path);
  const own = problems.get(pathKey(path));
  const describedBy = own ? `${id}-problem` : undefined;
  const common = { id, "aria-invalid": own ? true : undefined, "aria-describedby": describedBy };
  const [jsonText, setJsonText] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);
  let control: React.ReactNode;
  if (kind === "boolean") {
    return (
      <div className="field checkbox">
        <label>
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(path, e.target.checked)}
          />{" "}
          {label}
        </label>
        {own && (
          <p id={`${id}-problem`} className="problem small">
            {own.join("; ")}
          </p>
        )}
      </div>
    );
  } else if (kind === "enum") {
    control = (
      <select {...common} value={String(value ?? "")} onChange={(e) => onChange(path, e.target.value)}>
        {value === undefined && <option value="">—</option>}
        {(schema.enum as string[]).map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  } else if (kind === "number" || kind === "integer") {
    control = (
      <input
        {...common}
        type="number"
        step={kind === "integer" ? 1 : "any"}
        value={typeof value === "number" ? value : ""}
        onChange={(e) => onChange(path, e.target.value === "" ? undefined : Number(e.target.value))}
      />
    );
  } else if (kind === "string") {
    const text = typeof value === "string" ? value : "";
    const long = text.length > 60 || (schema.maxLength ?? 0) > 200;
    control = long ? (
      <textarea {...common} rows={3} value={text} onChange={(e) => onChange(path, e.target.value)} />
    ) : (
      <input {...common} value={text} onChange={(e) => onChange(path, e.target.value)} />
    );
  } else {
    // A shape without a plain control: its JSON, parsed as it is typed.
    control = (
      <textarea
        {...common}
        rows={4}
        spellCheck={false}
        value={jsonText}
        onChange={(e) => {
          setJsonText(e.target.value);
          try {
            onChange(path, JSON.parse(e.target.value));
            setJsonProblem(null);
          } catch (err) {
            setJsonProblem(String(err instanceof Error ? err.message : err));
          }
        }}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {kind === "json" ? ` (${t("editor.json")})` : ""}
      </label>
      {control}
      {(own || jsonProblem) && (
        <p id={`${id}-problem`} className="problem small">
          {[...(own ?? []), ...(jsonProblem ? [t("review.editInvalid", { message: jsonProblem })] : [])].join(
            "; ",
          )}
        </p>
      )}
    </div>
  );
}
