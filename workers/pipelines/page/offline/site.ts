/**
 * The offline site: one HTML file per spec page with the same landmarks (skip link, header,
 * labelled nav with aria-current, main, footer), a stylesheet from the spec's palette and a
 * small script for the contact form. Accessible by construction; text is escaped.
 */
import type { PageSpec, SiteFile } from "../schemas";

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const L = {
  en: {
    skip: "Skip to content",
    nav: "Main",
    name: "Name",
    email: "Email",
    message: "Message",
    send: "Check and send",
    foot: "Made with Tsumugi",
  },
  ja: {
    skip: "本文へ移動",
    nav: "メイン",
    name: "お名前",
    email: "メールアドレス",
    message: "メッセージ",
    send: "確認して送信",
    foot: "Tsumugi で作成",
  },
};

function contactForm(lang: "en" | "ja"): string {
  const l = L[lang];
  return `      <form id="contact-form" novalidate>
        <p><label for="name">${l.name}</label><br><input id="name" name="name" type="text" autocomplete="name" required></p>
        <p><label for="email">${l.email}</label><br><input id="email" name="email" type="email" autocomplete="email" required></p>
        <p><label for="message">${l.message}</label><br><textarea id="message" name="message" rows="5" required></textarea></p>
        <p><button type="submit">${l.send}</button></p>
      </form>
      <p id="form-status" role="status" aria-live="polite"></p>`;
}

function page(spec: PageSpec, index: number): string {
  const lang = spec.lang === "ja" ? "ja" : "en";
  const l = L[lang];
  const p = spec.pages[index]!;
  const nav = spec.pages
    .map(
      (q, i) =>
        `        <li><a href="${q.file}"${i === index ? ' aria-current="page"' : ""}>${escape(i === 0 ? (lang === "ja" ? "ホーム" : "Home") : q.heading)}</a></li>`,
    )
    .join("\n");
  const sections = p.sections
    .map(
      (s, i) => `      <section aria-labelledby="s${i + 1}">
        <h2 id="s${i + 1}">${escape(s.heading)}</h2>
        <p>${escape(s.text)}</p>
${p.file === "contact.html" && i === p.sections.length - 1 ? contactForm(lang) + "\n" : ""}      </section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="${spec.lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escape(index === 0 ? spec.title : `${p.heading} · ${spec.title}`)}</title>
    <link rel="stylesheet" href="styles.css">
    <script src="app.js" defer></script>
  </head>
  <body>
    <a class="skip" href="#content">${l.skip}</a>
    <header>
      <p class="site-name">${escape(spec.title)}</p>
      <nav aria-label="${l.nav}">
        <ul>
${nav}
        </ul>
      </nav>
    </header>
    <main id="content">
      <h1>${escape(p.heading)}</h1>
${sections}
    </main>
    <footer>
      <p>${l.foot}</p>
    </footer>
  </body>
</html>
`;
}

function stylesheet(spec: PageSpec): string {
  const c = spec.palette;
  return `:root {
  font-family: system-ui, sans-serif;
  line-height: 1.6;
}
body {
  margin: 0;
  color: ${c.text};
  background: ${c.background};
}
header, main, footer {
  max-width: 48rem;
  margin: 0 auto;
  padding: 1rem;
}
nav ul {
  display: flex;
  gap: 1rem;
  list-style: none;
  padding: 0;
}
a {
  color: ${c.accent};
}
a[aria-current="page"] {
  font-weight: bold;
}
a:focus, button:focus, input:focus, textarea:focus {
  outline: 3px solid ${c.accent};
  outline-offset: 2px;
}
.skip {
  position: absolute;
  left: -999px;
}
.skip:focus {
  left: 1rem;
  top: 1rem;
  color: ${c.onAccent};
  background: ${c.accent};
  padding: 0.5rem;
}
button {
  color: ${c.onAccent};
  background: ${c.accent};
  border: 0;
  padding: 0.5rem 1rem;
  font: inherit;
}
input, textarea {
  font: inherit;
  width: 100%;
  max-width: 30rem;
  border: 1px solid ${c.text};
}
`;
}

function script(lang: "en" | "ja"): string {
  const done =
    lang === "ja"
      ? "ありがとうございます。内容を確認しました（プレビューでは送信されません）。"
      : "Thank you — your message is ready (the preview sends nothing).";
  const missing = lang === "ja" ? "未入力の項目があります: " : "Please fill in: ";
  return `"use strict";
// The contact form: checks the fields and answers in the live region; nothing leaves the page.
// The button's click is handled as well as the form's submit: in the sandboxed preview (no
// allow-forms) a form never fires submit, but a click still reaches the script.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("contact-form");
  var status = document.getElementById("form-status");
  if (!form || !status) return;
  function check(event) {
    event.preventDefault();
    var empty = Array.prototype.filter.call(form.elements, function (el) {
      return el.required && !el.value.trim();
    });
    status.textContent = empty.length
      ? ${JSON.stringify(missing)} + empty.map(function (el) { return el.labels[0].textContent; }).join(", ")
      : ${JSON.stringify(done)};
  }
  form.addEventListener("submit", check);
  form.querySelector("button[type=submit]").addEventListener("click", check);
});
`;
}

export function offlineSite(spec: PageSpec): { files: SiteFile[] } {
  return {
    files: [
      ...spec.pages.map((p, i) => ({ path: p.file, content: page(spec, i) })),
      { path: "styles.css", content: stylesheet(spec) },
      { path: "app.js", content: script(spec.lang === "ja" ? "ja" : "en") },
    ],
  };
}
