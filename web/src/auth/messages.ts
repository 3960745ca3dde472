/**
 * Text of the account pages, English and Japanese, kept beside them so the shared dictionaries
 * (i18n/en.ts, ja.ts) stay untouched by this feature; picked by the app's language.
 */
import { useI18n } from "../i18n/i18n.tsx";

const en = {
  signInTitle: "Your account",
  signUpTitle: "Create an account",
  joinTitle: "You are invited: create an account to join",
  name: "Name",
  email: "Email",
  password: "Password",
  passwordHint: "At least 10 characters.",
  signIn: "Continue",
  signUp: "Create account",
  working: "Working…",
  toSignUp: "No account yet? Create one",
  toSignIn: "Have an account? Use it",
  advanced: "Advanced, for scripts: an API key",
  required: "Fill in every field.",
  teamTitle: "Team",
  members: "Members",
  role: "Role",
  invite: "Invite someone",
  inviteAs: "Invite as",
  makeLink: "Make an invitation link",
  linkMade: "Send this link (it works once, for 3 days):",
  remove: "Remove",
  you: "(you)",
  joinAccept: "Join the team",
  joined: "You joined {team} as {role}.",
  signOutEverywhere: "Sign out everywhere",
  or: "Or",
  passkeySignIn: "Sign in with a passkey",
  passkeys: "Passkeys",
  passkeysHint: "Sign in with this device's screen lock or a security key instead of the password.",
  passkeyName: "Name of the passkey",
  addPasskey: "Add a passkey",
  passkeyAdded: "Passkey added.",
  noPasskeys: "No passkeys yet.",
  added: "Added",
  removePasskey: "Remove passkey",
  magicLink: "Email me a sign-in link",
  magicLinkSent: "If {email} has an account, a sign-in link is on its way. It works once, for 5 minutes.",
  magicLinkNeedsEmail: "Fill in your email address first.",
  magicLinkExpired: "That sign-in link is used up or has expired: ask for a new one.",
} as const;

const ja: Record<keyof typeof en, string> = {
  signInTitle: "アカウント",
  signUpTitle: "アカウントを作成",
  joinTitle: "招待されています：アカウントを作成して参加",
  name: "名前",
  email: "メールアドレス",
  password: "パスワード",
  passwordHint: "10 文字以上。",
  signIn: "続ける",
  signUp: "アカウントを作成",
  working: "処理中…",
  toSignUp: "アカウントがない場合は作成",
  toSignIn: "アカウントをお持ちの場合はこちら",
  advanced: "詳細：API キーでサインイン（スクリプト用）",
  required: "すべての項目を入力してください。",
  teamTitle: "チーム",
  members: "メンバー",
  role: "ロール",
  invite: "招待する",
  inviteAs: "ロール",
  makeLink: "招待リンクを作成",
  linkMade: "このリンクを送ってください（1 回限り、3 日間有効）：",
  remove: "削除",
  you: "（あなた）",
  joinAccept: "チームに参加",
  joined: "{team} に {role} として参加しました。",
  signOutEverywhere: "すべての端末からサインアウト",
  or: "または",
  passkeySignIn: "パスキーでサインイン",
  passkeys: "パスキー",
  passkeysHint: "パスワードの代わりに、この端末の画面ロックやセキュリティキーでサインインできます。",
  passkeyName: "パスキーの名前",
  addPasskey: "パスキーを追加",
  passkeyAdded: "パスキーを追加しました。",
  noPasskeys: "パスキーはまだありません。",
  added: "追加日時",
  removePasskey: "パスキーを削除",
  magicLink: "サインイン用リンクをメールで受け取る",
  magicLinkSent: "{email} のアカウントがあれば、サインイン用リンクを送りました。1 回限り、5 分間有効です。",
  magicLinkNeedsEmail: "先にメールアドレスを入力してください。",
  magicLinkExpired: "このサインイン用リンクは使用済みか期限切れです。新しいリンクを請求してください。",
};

export type AccountText = keyof typeof en;

export function useAccountText(): (key: AccountText, values?: Record<string, string>) => string {
  const { language } = useI18n();
  const dict = language === "ja" ? ja : en;
  return (key, values) => dict[key].replace(/\{(\w+)\}/g, (_, name: string) => values?.[name] ?? `{${name}}`);
}
