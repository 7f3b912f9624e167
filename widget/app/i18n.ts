/** Every text the widget shows, in Japanese, English and Korean. The loader imports only
 *  `launcherCatalogs` and `widgetLanguage`, so the app's catalogs stay out of its bundle. */
import { type Language, pickLanguage } from "../../shared/languages";

export type { Language };

/** The language the embed code (or the page API) asks for when we have it, else the customer's
 *  own (the browser's), else the page's (`<html lang>`), else English. */
export function widgetLanguage(requested: string | null | undefined, page?: string): Language {
  return pickLanguage([requested, ...navigator.languages, navigator.language, page]);
}

export const launcherCatalogs = {
  en: { open: "Open chat", close: "Close chat", frameTitle: "Chat", unread: "new messages" },
  ja: {
    open: "チャットを開く",
    close: "チャットを閉じる",
    frameTitle: "チャット",
    unread: "新着メッセージ",
  },
  ko: { open: "채팅 열기", close: "채팅 닫기", frameTitle: "채팅", unread: "새 메시지" },
} satisfies Record<Language, Record<string, string>>;

const en = {
  leaveRequest: "Send us your question",
  noOperatorReason:
    "Nobody is online to chat right now. Leave your question and our team will get back to you.",
  closedReason:
    "Chat is closed outside our business hours. Leave your question and our team will get back to you.",
  unavailableReason:
    "Chat is not available for this service at the moment. Leave your question and our team will get back to you.",
  inquiryTitle: "Send us your question",
  inquiryLead: "Our support team receives it and can reach you at the email address you give.",
  inquiryName: "Name",
  inquiryEmail: "Email",
  inquirySubject: "Subject",
  inquiryMessage: "Your question",
  inquiryConsent:
    "I agree to the collection of my personal information for answering this inquiry.",
  inquirySend: "Send",
  inquirySending: "Sending…",
  inquiryBack: "Back",
  inquiryFailed: "Your question could not be sent. Please try again: what you typed is kept.",
  inquiryRateLimited:
    "Too many questions were sent from your connection. Please wait a minute and try again.",
  fieldRequired: "Please fill this in.",
  fieldEmail: "Enter an email address such as name@example.com.",
  fieldTooLong: "Please keep this to {max} characters or fewer.",
  fieldConsent: "Please agree to send your question.",
  inquirySentTitle: "Thank you: we have your question",
  inquiryReference:
    "Your reference number is #{reference}. Please quote it if you contact us about this question.",
  inquirySentNext:
    "It is now with our support team, who can reach you at the email address you gave. No confirmation email is sent.",
  inquiryAnother: "Send another question",
  title: "Chat",
  loading: "Loading…",
  close: "Close",
  chatUnavailable: "Chat is not available for this service at the moment.",
  noOperatorTitle: "No operator available",
  closedTitle: "Outside business hours",
  closedText: "Chat is closed at the moment. Please come back during our business hours.",
  logInTitle: "Please log in",
  logInText:
    "Chat is for members logged in on this site. Log in on the site, then open the chat again.",
  loadFailed: "The chat could not be loaded. Please check your connection and try again.",
  retry: "Try again",
  consentTitle: "Before we start",
  consentText:
    "To answer your inquiry we collect and keep the personal information you give us in this chat, together with your IP address, device and the page you are on. We use it only to support you.",
  consentLabel: "I agree to the collection of personal information",
  privacyPolicy: "Privacy policy",
  startChat: "Start chat",
  starting: "Starting…",
  startFailed: "The chat could not be started. Please try again.",
  conversation: "Conversation",
  you: "You",
  operator: "Operator",
  sending: "Sending…",
  notSent: "Not sent",
  message: "Message",
  messagePlaceholder: "Write a message…",
  send: "Send",
  tooLong: "A message can hold at most {max} characters.",
  connecting: "Connecting…",
  reconnecting: "Connection lost. Reconnecting…",
  chatEnded: "This chat has ended.",
  newChat: "Start a new chat",
  sendFailed: "Your message could not be sent.",
  waiting: "Waiting for an operator…",
  queued: "All our operators are busy. You are in the queue.",
  queuePosition: "All our operators are busy. You are number {position} in the queue.",
  leaveQueue: "Leave the queue",
  confirmLeaveQueue: "Leave the queue? You will lose your place.",
  leftQueue: "You left the queue.",
  queueTimedOut:
    "Sorry, all our operators are still busy, so this chat has ended. Please try again later.",
  eventQueueTimeout: "Nobody could take the chat in time.",
  nobodyAvailable:
    "All our operators are busy or away right now. You can keep waiting: your messages are kept and will be answered. Or end the chat and come back later.",
  operatorTyping: "The operator is typing…",
  seen: "Seen",
  endChat: "End chat",
  confirmEnd: "End this chat? You can still rate it afterwards.",
  cancel: "Cancel",
  youEnded: "You ended this chat.",
  rate: "Rate this chat",
  ratingLegend: "How satisfied are you with this chat?",
  ratingOption: "{score} out of 5",
  ratingComment: "Comment (optional)",
  sendRating: "Send rating",
  rated: "You rated this chat {score} out of 5. Thank you!",
  changeRating: "Change rating",
  eventCustomerEnded: "You ended the chat.",
  eventCustomerIdle: "The chat ended because you were away.",
  eventOperatorEnded: "The operator ended the chat.",
  eventTransferred: "Another operator has taken over your chat.",
};

export type Catalog = typeof en;

const ja: Catalog = {
  leaveRequest: "お問い合わせフォームへ",
  noOperatorReason:
    "ただいまチャットに対応できる担当者がいません。お問い合わせを残していただければ、担当者からご連絡します。",
  closedReason:
    "営業時間外のため、チャットは受け付けていません。お問い合わせを残していただければ、担当者からご連絡します。",
  unavailableReason:
    "ただいまチャットはご利用いただけません。お問い合わせを残していただければ、担当者からご連絡します。",
  inquiryTitle: "お問い合わせ",
  inquiryLead:
    "お問い合わせはサポート担当者に届きます。担当者からはご入力のメールアドレスにご連絡します。",
  inquiryName: "お名前",
  inquiryEmail: "メールアドレス",
  inquirySubject: "件名",
  inquiryMessage: "お問い合わせ内容",
  inquiryConsent: "このお問い合わせへの回答のために個人情報が収集されることに同意します。",
  inquirySend: "送信する",
  inquirySending: "送信中…",
  inquiryBack: "戻る",
  inquiryFailed: "送信できませんでした。もう一度お試しください。入力内容は残っています。",
  inquiryRateLimited:
    "お使いの接続からの送信が多すぎます。1 分ほど待ってからもう一度お試しください。",
  fieldRequired: "入力してください。",
  fieldEmail: "name@example.com のような形式のメールアドレスを入力してください。",
  fieldTooLong: "{max} 文字以内で入力してください。",
  fieldConsent: "送信するには同意が必要です。",
  inquirySentTitle: "お問い合わせを受け付けました",
  inquiryReference:
    "受付番号は #{reference} です。このお問い合わせについてご連絡の際はこの番号をお伝えください。",
  inquirySentNext:
    "お問い合わせはサポート担当者に届いています。担当者からはご入力のメールアドレスにご連絡します。受付確認のメールは送信されません。",
  inquiryAnother: "別のお問い合わせをする",
  title: "チャット",
  loading: "読み込み中…",
  close: "閉じる",
  chatUnavailable: "現在、このサービスではチャットをご利用いただけません。",
  noOperatorTitle: "オペレーター不在",
  closedTitle: "営業時間外です",
  closedText: "ただいまチャットの受付時間外です。営業時間内にあらためてお問い合わせください。",
  logInTitle: "ログインしてください",
  logInText:
    "チャットはこのサイトにログインしている方のみご利用いただけます。サイトにログインしてから、もう一度チャットを開いてください。",
  loadFailed: "チャットを読み込めませんでした。接続を確認して、もう一度お試しください。",
  retry: "再試行",
  consentTitle: "チャットを始める前に",
  consentText:
    "お問い合わせへの対応のため、このチャットでご入力いただいた個人情報を、IPアドレス、端末、閲覧中のページとともに収集・保存します。これらはお客様のサポートにのみ使用します。",
  consentLabel: "個人情報の収集に同意します",
  privacyPolicy: "プライバシーポリシー",
  startChat: "チャットを開始",
  starting: "開始しています…",
  startFailed: "チャットを開始できませんでした。もう一度お試しください。",
  conversation: "会話",
  you: "あなた",
  operator: "オペレーター",
  sending: "送信中…",
  notSent: "未送信",
  message: "メッセージ",
  messagePlaceholder: "メッセージを入力…",
  send: "送信",
  tooLong: "メッセージは{max}文字までです。",
  connecting: "接続しています…",
  reconnecting: "接続が切れました。再接続しています…",
  chatEnded: "このチャットは終了しました。",
  newChat: "新しいチャットを開始",
  sendFailed: "メッセージを送信できませんでした。",
  waiting: "オペレーターの対応をお待ちください…",
  queued: "ただいまオペレーターが全員対応中です。順番にご案内します。",
  queuePosition: "ただいまオペレーターが全員対応中です。あなたの順番は{position}番目です。",
  leaveQueue: "順番待ちをやめる",
  confirmLeaveQueue: "順番待ちをやめますか？順番は失われます。",
  leftQueue: "順番待ちをやめました。",
  queueTimedOut:
    "申し訳ありません。オペレーターが対応できないままお時間が過ぎたため、チャットを終了しました。時間をおいて再度お試しください。",
  eventQueueTimeout: "時間内に対応できるオペレーターがいませんでした。",
  nobodyAvailable:
    "ただいまオペレーターが全員対応中、または不在です。このままお待ちいただければ、いただいたメッセージに順次お答えします。チャットを終了して、後ほどあらためてお問い合わせいただくこともできます。",
  operatorTyping: "オペレーターが入力中…",
  seen: "既読",
  endChat: "チャットを終了",
  confirmEnd: "このチャットを終了しますか？終了後も評価できます。",
  cancel: "キャンセル",
  youEnded: "チャットを終了しました。",
  rate: "このチャットを評価",
  ratingLegend: "このチャットの満足度を教えてください。",
  ratingOption: "5段階中{score}",
  ratingComment: "コメント（任意）",
  sendRating: "評価を送信",
  rated: "このチャットを5段階中{score}と評価しました。ありがとうございます。",
  changeRating: "評価を変更",
  eventCustomerEnded: "チャットを終了しました。",
  eventCustomerIdle: "応答がなかったため、チャットを終了しました。",
  eventOperatorEnded: "オペレーターがチャットを終了しました。",
  eventTransferred: "別のオペレーターが対応を引き継ぎました。",
};

const ko: Catalog = {
  leaveRequest: "문의 양식으로",
  noOperatorReason:
    "지금은 채팅할 수 있는 상담원이 없습니다. 문의를 남겨 주시면 담당자가 연락드립니다.",
  closedReason: "영업시간 외에는 채팅을 받지 않습니다. 문의를 남겨 주시면 담당자가 연락드립니다.",
  unavailableReason: "지금은 채팅을 이용할 수 없습니다. 문의를 남겨 주시면 담당자가 연락드립니다.",
  inquiryTitle: "문의하기",
  inquiryLead: "문의는 지원 담당자에게 전달되며, 담당자는 입력하신 이메일 주소로 연락드립니다.",
  inquiryName: "이름",
  inquiryEmail: "이메일",
  inquirySubject: "제목",
  inquiryMessage: "문의 내용",
  inquiryConsent: "이 문의에 답변하기 위한 개인정보 수집에 동의합니다.",
  inquirySend: "보내기",
  inquirySending: "보내는 중…",
  inquiryBack: "뒤로",
  inquiryFailed: "보내지 못했습니다. 다시 시도해 주세요. 입력하신 내용은 남아 있습니다.",
  inquiryRateLimited:
    "사용 중인 연결에서 너무 많이 보냈습니다. 1분 정도 기다린 후 다시 시도해 주세요.",
  fieldRequired: "입력해 주세요.",
  fieldEmail: "name@example.com 형식의 이메일 주소를 입력해 주세요.",
  fieldTooLong: "{max}자 이내로 입력해 주세요.",
  fieldConsent: "보내려면 동의가 필요합니다.",
  inquirySentTitle: "문의가 접수되었습니다",
  inquiryReference:
    "접수 번호는 #{reference}입니다. 이 문의에 대해 연락하실 때 이 번호를 알려 주세요.",
  inquirySentNext:
    "문의는 지원 담당자에게 전달되었으며, 담당자는 입력하신 이메일 주소로 연락드립니다. 접수 확인 이메일은 발송되지 않습니다.",
  inquiryAnother: "다른 문의 보내기",
  title: "채팅",
  loading: "불러오는 중…",
  close: "닫기",
  chatUnavailable: "현재 이 서비스에서는 채팅을 이용할 수 없습니다.",
  noOperatorTitle: "상담원 부재",
  closedTitle: "운영 시간 외",
  closedText: "지금은 채팅 운영 시간이 아닙니다. 운영 시간에 다시 문의해 주세요.",
  logInTitle: "로그인해 주세요",
  logInText:
    "채팅은 이 사이트에 로그인한 회원만 이용할 수 있습니다. 사이트에 로그인한 후 채팅을 다시 열어 주세요.",
  loadFailed: "채팅을 불러오지 못했습니다. 연결을 확인한 후 다시 시도해 주세요.",
  retry: "다시 시도",
  consentTitle: "채팅을 시작하기 전에",
  consentText:
    "문의에 답변하기 위해 이 채팅에서 입력하신 개인정보를 IP 주소, 기기, 보고 계신 페이지와 함께 수집하고 보관합니다. 이 정보는 고객 지원에만 사용됩니다.",
  consentLabel: "개인정보 수집에 동의합니다",
  privacyPolicy: "개인정보 처리방침",
  startChat: "채팅 시작",
  starting: "시작하는 중…",
  startFailed: "채팅을 시작하지 못했습니다. 다시 시도해 주세요.",
  conversation: "대화",
  you: "나",
  operator: "상담원",
  sending: "보내는 중…",
  notSent: "전송 실패",
  message: "메시지",
  messagePlaceholder: "메시지를 입력하세요…",
  send: "보내기",
  tooLong: "메시지는 최대 {max}자까지 입력할 수 있습니다.",
  connecting: "연결하는 중…",
  reconnecting: "연결이 끊겼습니다. 다시 연결하는 중…",
  chatEnded: "채팅이 종료되었습니다.",
  newChat: "새 채팅 시작",
  sendFailed: "메시지를 보내지 못했습니다.",
  waiting: "상담원을 기다리는 중…",
  queued: "지금은 모든 상담원이 상담 중입니다. 대기열에서 기다리고 있습니다.",
  queuePosition: "지금은 모든 상담원이 상담 중입니다. 대기 순서는 {position}번째입니다.",
  leaveQueue: "대기 취소",
  confirmLeaveQueue: "대기를 취소할까요? 대기 순서가 사라집니다.",
  leftQueue: "대기를 취소했습니다.",
  queueTimedOut:
    "죄송합니다. 상담 가능한 상담원이 없어 채팅이 종료되었습니다. 잠시 후 다시 시도해 주세요.",
  eventQueueTimeout: "시간 내에 상담할 수 있는 상담원이 없었습니다.",
  nobodyAvailable:
    "지금은 모든 상담원이 상담 중이거나 자리를 비웠습니다. 기다려 주시면 남겨 주신 메시지에 답변드리겠습니다. 채팅을 종료하고 나중에 다시 문의하실 수도 있습니다.",
  operatorTyping: "상담원이 입력 중…",
  seen: "읽음",
  endChat: "채팅 종료",
  confirmEnd: "이 채팅을 종료할까요? 종료한 후에도 평가할 수 있습니다.",
  cancel: "취소",
  youEnded: "채팅을 종료했습니다.",
  rate: "이 채팅 평가하기",
  ratingLegend: "이 채팅에 얼마나 만족하셨나요?",
  ratingOption: "5점 중 {score}점",
  ratingComment: "의견 (선택)",
  sendRating: "평가 보내기",
  rated: "이 채팅을 5점 중 {score}점으로 평가하셨습니다. 감사합니다!",
  changeRating: "평가 변경",
  eventCustomerEnded: "채팅을 종료했습니다.",
  eventCustomerIdle: "응답이 없어 채팅이 종료되었습니다.",
  eventOperatorEnded: "상담원이 채팅을 종료했습니다.",
  eventTransferred: "다른 상담원이 채팅을 이어받았습니다.",
};

export const catalogs: Record<Language, Catalog> = { en, ja, ko };

/** A catalog entry with its {placeholders} filled in. */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match));
}
