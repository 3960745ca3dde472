/**
 * Reads the data of a JavaScript / TypeScript config file (VitePress `.vitepress/config.*`,
 * Docusaurus `sidebars.js|ts`) without running it: the file is parsed with @babel/parser and only
 * literals are evaluated — objects, arrays, strings, numbers, booleans, template strings without
 * expressions, and identifiers bound to such literals by a top-level `const`. Anything else (a
 * function call, an import, a spread of something computed) is `undefined`, and the caller falls
 * back to folder order with a warning. Nothing of the upload is ever executed.
 */
import { parse } from "@babel/parser";
import type { Expression, Node, ObjectExpression, Program } from "@babel/types";

/** A statically read value: JSON-like, or `undefined` where the source was not a literal. */
export type Literal = string | number | boolean | null | undefined | Literal[] | { [key: string]: Literal };

export class NotStaticError extends Error {
  override readonly name = "NotStaticError";
}

function program(text: string, path: string): Program {
  try {
    return parse(text, {
      sourceType: "unambiguous",
      plugins: /\.(c|m)?tsx?$/i.test(path) ? ["typescript"] : ["jsx"],
      errorRecovery: false,
    }).program;
  } catch (err) {
    throw new NotStaticError(`${path} could not be parsed: ${(err as Error).message}`);
  }
}

/** Unwraps `x as T`, `x satisfies T`, `(x)`, `x!`: types change nothing about the data. */
function unwrap(node: Node): Node {
  let current = node;
  while (
    current.type === "TSAsExpression" ||
    current.type === "TSSatisfiesExpression" ||
    current.type === "TSNonNullExpression" ||
    current.type === "ParenthesizedExpression"
  ) {
    current = current.expression;
  }
  return current;
}

function propertyKey(node: ObjectExpression["properties"][number]): string | undefined {
  if (node.type !== "ObjectProperty" || node.computed) return undefined;
  if (node.key.type === "Identifier") return node.key.name;
  if (node.key.type === "StringLiteral") return node.key.value;
  if (node.key.type === "NumericLiteral") return String(node.key.value);
  return undefined;
}

class LiteralReader {
  private readonly bindings = new Map<string, Node>();
  private depth = 0;

  constructor(private readonly root: Program) {
    for (const statement of root.body) {
      const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
      if (declaration?.type !== "VariableDeclaration" || declaration.kind !== "const") continue;
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === "Identifier" && declarator.init) {
          this.bindings.set(declarator.id.name, declarator.init);
        }
      }
    }
  }

  value(node: Node | null | undefined): Literal {
    if (!node) return undefined;
    // Bounds a config whose constants refer to each other in a loop.
    if (this.depth > 64) return undefined;
    this.depth++;
    try {
      return this.read(unwrap(node));
    } finally {
      this.depth--;
    }
  }

  private read(node: Node): Literal {
    switch (node.type) {
      case "StringLiteral":
      case "NumericLiteral":
      case "BooleanLiteral":
        return node.value;
      case "NullLiteral":
        return null;
      case "TemplateLiteral":
        return node.expressions.length === 0
          ? node.quasis.map((q) => q.value.cooked ?? "").join("")
          : undefined;
      case "Identifier":
        return this.value(this.bindings.get(node.name));
      case "ArrayExpression":
        return node.elements.flatMap((element): Literal[] => {
          if (element?.type === "SpreadElement") {
            const spread = this.value(element.argument);
            return Array.isArray(spread) ? spread : [undefined];
          }
          return [this.value(element)];
        });
      case "ObjectExpression": {
        const out: Record<string, Literal> = {};
        for (const property of node.properties) {
          if (property.type === "SpreadElement") {
            const spread = this.value(property.argument);
            if (spread && typeof spread === "object" && !Array.isArray(spread)) Object.assign(out, spread);
            continue;
          }
          const key = propertyKey(property);
          if (key !== undefined && property.type === "ObjectProperty") out[key] = this.value(property.value);
        }
        return out;
      }
      case "CallExpression":
        // `defineConfig({...})` is VitePress's typing helper around a literal: read its argument.
        if (node.callee.type === "Identifier" && /^define\w*Config$/.test(node.callee.name)) {
          return this.value(node.arguments[0] as Expression | undefined);
        }
        return undefined;
      default:
        return undefined;
    }
  }

  /** `export default …` or `module.exports = …`. */
  exported(): Literal {
    for (const statement of this.root.body) {
      if (statement.type === "ExportDefaultDeclaration") return this.value(statement.declaration);
      if (
        statement.type === "ExpressionStatement" &&
        statement.expression.type === "AssignmentExpression" &&
        statement.expression.left.type === "MemberExpression" &&
        statement.expression.left.object.type === "Identifier" &&
        statement.expression.left.object.name === "module" &&
        statement.expression.left.property.type === "Identifier" &&
        statement.expression.left.property.name === "exports"
      ) {
        return this.value(statement.expression.right);
      }
    }
    return undefined;
  }
}

/**
 * The exported value of a config file, read as data.
 *
 * @example
 * readExportedLiteral("export default { sidebar: [{ text: 'A', link: '/a' }] }", "config.mts");
 * // { sidebar: [{ text: "A", link: "/a" }] }
 */
export function readExportedLiteral(text: string, path: string): Literal {
  return new LiteralReader(program(text, path)).exported();
}

/** True when `value` (or anything inside it) could not be read statically. */
export function hasUnknown(value: Literal): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  if (value && typeof value === "object") return Object.values(value).some(hasUnknown);
  return false;
}
