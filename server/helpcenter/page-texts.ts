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
  inquiry: InquiryTexts;
}

/** The inquiry form's page and its confirmation. */
export interface InquiryTexts {
  heading: string;
  /** The home page's line above the link, and the link. */
  homeLead: string;
  homeLink: string;
  lead: string;
  name: string;
  email: string;
  emailHint: string;
  processingType: string;
  noProcessingType: string;
  subject: string;
  message: string;
  consent: string;
  privacyPolicy: string;
  optional: string;
  send: string;
  fixErrors: (count: number) => string;
  required: string;
  consentRequired: string;
  emailFormat: string;
  tooLong: (limit: number) => string;
  choose: string;
  /** The optional file, what it may be, and its refusals. */
  attachment: string;
  attachmentHint: (types: string, size: string) => string;
  fileTypeRefused: string;
  fileTooBig: (size: string) => string;
  fileMismatch: string;
  sentHeading: string;
  sentReference: (reference: number) => string;
  sentWithoutReference: string;
  sentNext: string;
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
    inquiry: {
      heading: "Send us your question",
      homeLead: "Didn't find your answer?",
      homeLink: "Send us your question",
      lead: "Your question goes to our support team, who can reach you at the email address you give.",
      name: "Name",
      email: "Email",
      emailHint: "Our team uses it to reach you.",
      processingType: "Topic",
      noProcessingType: "Not sure / other",
      subject: "Subject",
      message: "Your question",
      consent: "I agree to the collection of my personal information for answering this inquiry.",
      privacyPolicy: "Privacy policy",
      optional: "optional",
      send: "Send",
      fixErrors: (count) =>
        count === 1
          ? "Please correct the field marked below."
          : `Please correct the ${count} fields marked below.`,
      required: "Please fill this in.",
      consentRequired: "Please agree to send your question.",
      emailFormat: "Enter an email address such as name@example.com.",
      tooLong: (limit) => `Please keep this to ${limit} characters or fewer.`,
      choose: "Choose one of the listed topics.",
      attachment: "Attachment",
      attachmentHint: (types, size) => `One file of up to ${size} (${types}).`,
      fileTypeRefused: "Files of this type cannot be sent.",
      fileTooBig: (size) => `This file is too large: files can be at most ${size}.`,
      fileMismatch:
        "This file is not what its name says (for example a .png that is not an image).",
      sentHeading: "Thank you: we have your question",
      sentReference: (reference) =>
        `Your reference number is #${reference}. Please quote it if you contact us about this question.`,
      sentWithoutReference: "Your question has been received.",
      sentNext:
        "It is now with our support team, who can reach you at the email address you gave. No confirmation email is sent.",
    },
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
    inquiry: {
      heading: "お問い合わせ",
      homeLead: "お探しの答えが見つかりませんか？",
      homeLink: "お問い合わせフォームへ",
      lead: "お問い合わせはサポート担当者に届きます。担当者からはご入力のメールアドレスにご連絡します。",
      name: "お名前",
      email: "メールアドレス",
      emailHint: "担当者からのご連絡に使います。",
      processingType: "お問い合わせの種類",
      noProcessingType: "わからない・その他",
      subject: "件名",
      message: "お問い合わせ内容",
      consent: "このお問い合わせへの回答のために個人情報が収集されることに同意します。",
      privacyPolicy: "プライバシーポリシー",
      optional: "任意",
      send: "送信する",
      fixErrors: (count) => `入力内容をご確認ください（${count} 件）。`,
      required: "入力してください。",
      consentRequired: "送信するには同意が必要です。",
      emailFormat: "name@example.com のような形式のメールアドレスを入力してください。",
      tooLong: (limit) => `${limit} 文字以内で入力してください。`,
      choose: "一覧の種類からお選びください。",
      attachment: "添付ファイル",
      attachmentHint: (types, size) => `${size}までのファイルを1つ（${types}）。`,
      fileTypeRefused: "この種類のファイルは送れません。",
      fileTooBig: (size) => `ファイルが大きすぎます。${size}までのファイルを送れます。`,
      fileMismatch: "ファイルの中身が名前と合っていません（例: 画像ではない .png）。",
      sentHeading: "お問い合わせを受け付けました",
      sentReference: (reference) =>
        `受付番号は #${reference} です。このお問い合わせについてご連絡の際はこの番号をお伝えください。`,
      sentWithoutReference: "お問い合わせを受け付けました。",
      sentNext:
        "お問い合わせはサポート担当者に届いています。担当者からはご入力のメールアドレスにご連絡します。受付確認のメールは送信されません。",
    },
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
    inquiry: {
      heading: "문의하기",
      homeLead: "원하는 답을 찾지 못하셨나요?",
      homeLink: "문의 양식으로",
      lead: "문의는 지원 담당자에게 전달되며, 담당자는 입력하신 이메일 주소로 연락드립니다.",
      name: "이름",
      email: "이메일",
      emailHint: "담당자가 연락할 때 사용합니다.",
      processingType: "문의 유형",
      noProcessingType: "잘 모르겠음 / 기타",
      subject: "제목",
      message: "문의 내용",
      consent: "이 문의에 답변하기 위한 개인정보 수집에 동의합니다.",
      privacyPolicy: "개인정보 처리방침",
      optional: "선택",
      send: "보내기",
      fixErrors: (count) => `입력 내용을 확인해 주세요(${count}개).`,
      required: "입력해 주세요.",
      consentRequired: "보내려면 동의가 필요합니다.",
      emailFormat: "name@example.com 형식의 이메일 주소를 입력해 주세요.",
      tooLong: (limit) => `${limit}자 이내로 입력해 주세요.`,
      choose: "목록에 있는 유형 중에서 선택해 주세요.",
      attachment: "첨부 파일",
      attachmentHint: (types, size) => `최대 ${size}의 파일 1개 (${types}).`,
      fileTypeRefused: "이 형식의 파일은 보낼 수 없습니다.",
      fileTooBig: (size) => `파일이 너무 큽니다. 최대 ${size}까지 보낼 수 있습니다.`,
      fileMismatch: "파일 내용이 이름과 맞지 않습니다(예: 이미지가 아닌 .png).",
      sentHeading: "문의가 접수되었습니다",
      sentReference: (reference) =>
        `접수 번호는 #${reference}입니다. 이 문의에 대해 연락하실 때 이 번호를 알려 주세요.`,
      sentWithoutReference: "문의가 접수되었습니다.",
      sentNext:
        "문의는 지원 담당자에게 전달되었으며, 담당자는 입력하신 이메일 주소로 연락드립니다. 접수 확인 이메일은 발송되지 않습니다.",
    },
  },
};
