/** What the help center's pages say around the service's own texts, in each language. */
import type { Language } from "../../shared/languages.js";

export interface PageTexts {
  helpCenter: string;
  languageName: string;
  searchLabel: string;
  searchPlaceholder: string;
  searchButton: string;
  questions: string;
  noQuestions: string;
  allQuestions: string;
  results: string;
  found: (count: number, query: string) => string;
  nothingFound: (query: string) => string;
  nothingFoundHint: string;
  languages: string;
}

export const pageTexts: Record<Language, PageTexts> = {
  en: {
    helpCenter: "Help center",
    languageName: "English",
    searchLabel: "Search the questions",
    searchPlaceholder: "e.g. delivery, password",
    searchButton: "Search",
    questions: "Frequently asked questions",
    noQuestions: "No questions have been published here yet.",
    allQuestions: "All questions",
    results: "Search results",
    found: (count, query) =>
      `${count} ${count === 1 ? "question matches" : "questions match"} “${query}”.`,
    nothingFound: (query) => `Nothing found for “${query}”.`,
    nothingFoundHint: "Try fewer or other words, or look through all the questions.",
    languages: "Language",
  },
  ja: {
    helpCenter: "ヘルプセンター",
    languageName: "日本語",
    searchLabel: "よくある質問を検索",
    searchPlaceholder: "例: 配送、パスワード",
    searchButton: "検索",
    questions: "よくある質問",
    noQuestions: "公開されている質問はまだありません。",
    allQuestions: "すべての質問",
    results: "検索結果",
    found: (count, query) => `「${query}」に一致する質問が ${count} 件あります。`,
    nothingFound: (query) => `「${query}」に一致する質問は見つかりませんでした。`,
    nothingFoundHint: "言葉を減らすか別の言葉でお試しいただくか、すべての質問からお探しください。",
    languages: "言語",
  },
  ko: {
    helpCenter: "헬프 센터",
    languageName: "한국어",
    searchLabel: "자주 묻는 질문 검색",
    searchPlaceholder: "예: 배송, 비밀번호",
    searchButton: "검색",
    questions: "자주 묻는 질문",
    noQuestions: "아직 게시된 질문이 없습니다.",
    allQuestions: "모든 질문",
    results: "검색 결과",
    found: (count, query) => `‘${query}’와(과) 일치하는 질문이 ${count}개 있습니다.`,
    nothingFound: (query) => `‘${query}’와(과) 일치하는 질문을 찾지 못했습니다.`,
    nothingFoundHint: "검색어를 줄이거나 다른 단어로 검색하거나, 모든 질문을 살펴보세요.",
    languages: "언어",
  },
};
