/** The offline questions (with the agent's assumed answers), spec and plan, from the brief. */
import type { Knowledge } from "../../generators/knowledge";
import type { PageSpec, Plan, Questions } from "../schemas";
import type { BriefFacts } from "./brief-facts";

const T = {
  en: {
    q: [
      [
        "Who is the site for?",
        "The audience decides tone and reading level.",
        "Visitors who read the brief's topic for the first time.",
      ],
      [
        "Which pages does it need?",
        "Each page is a file to write and link.",
        "A home page, an about page and a contact page.",
      ],
      [
        "What should a visitor do?",
        "The main call to action shapes the home page.",
        "Read the overview, then get in touch through the contact form.",
      ],
      [
        "Any colours or brand to follow?",
        "Colours must keep a 4.5:1 contrast.",
        "Dark blue on white with one accent colour.",
      ],
    ],
    pages: ["Home", "About", "Contact"],
    overview: "Overview",
    details: "Details",
    contact: "Write to us",
    interactions: [
      "The contact form checks its fields and confirms in a live region, without sending anything.",
    ],
  },
  ja: {
    q: [
      ["誰のためのサイトですか？", "読者によって文体と難しさが変わります。", "このテーマを初めて知る人。"],
      [
        "どのページが必要ですか？",
        "ページごとにファイルを作り、リンクします。",
        "ホーム、概要、お問い合わせの3ページ。",
      ],
      [
        "訪問者に何をしてほしいですか？",
        "主な行動がホームの構成を決めます。",
        "概要を読み、お問い合わせフォームから連絡する。",
      ],
      [
        "色やブランドの指定はありますか？",
        "文字と背景のコントラストは4.5:1以上が必要です。",
        "白地に紺の文字、アクセント色は1色。",
      ],
    ],
    pages: ["ホーム", "概要", "お問い合わせ"],
    overview: "はじめに",
    details: "くわしく",
    contact: "メッセージを送る",
    interactions: ["お問い合わせフォームは入力を確認し、送信せずにライブリージョンで結果を伝えます。"],
  },
};

export function offlineQuestions(facts: BriefFacts): Questions {
  return {
    questions: T[facts.lang].q.map(([question, why, answer], i) => ({
      id: `q${i + 1}`,
      question: question!,
      why: why!,
      answer: answer!,
      assumed: true,
    })),
  };
}

export function offlineSpec(facts: BriefFacts, questions: Questions, knowledge: Knowledge): PageSpec {
  const t = T[facts.lang];
  const s = facts.sentences;
  const half = Math.max(1, Math.ceil(s.length / 2));
  const answer = (id: string) => questions.questions.find((q) => q.id === id)?.answer ?? "";
  return {
    title: facts.title,
    lang: facts.lang,
    purpose: s[0]!,
    audience: answer("q1") || t.q[0]![2]!,
    pages: [
      {
        file: "index.html",
        heading: facts.title,
        sections: [{ heading: t.overview, text: s.slice(0, half).join(" ") }],
      },
      {
        file: "about.html",
        heading: t.pages[1]!,
        sections: [{ heading: t.details, text: s.slice(half).join(" ") || s.join(" ") }],
      },
      { file: "contact.html", heading: t.pages[2]!, sections: [{ heading: t.contact, text: answer("q3") }] },
    ],
    palette: { text: "#1b1f3b", background: "#ffffff", accent: "#0b5394", onAccent: "#ffffff" },
    interactions: t.interactions,
    assumptions: questions.questions.filter((q) => q.assumed).map((q) => `${q.question} → ${q.answer}`),
    sources: knowledge.sources,
  };
}

export function offlinePlan(spec: PageSpec): Plan {
  const pages = spec.pages.map((p) => p.file);
  return {
    files: [
      ...spec.pages.map((p) => ({
        path: p.file,
        purpose: `${p.heading}: ${p.sections.map((s) => s.heading).join(", ")}`,
        links: [...pages.filter((f) => f !== p.file), "styles.css", "app.js"],
      })),
      { path: "styles.css", purpose: "Layout, colours with 4.5:1 contrast, visible focus", links: [] },
      { path: "app.js", purpose: "Contact form check with a live-region confirmation", links: [] },
    ],
  };
}
