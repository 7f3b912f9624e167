/**
 * Asks before unsaved customer or inquiry info is left behind (switching chats, ending,
 * transferring, any link or the back button): save, discard, or stay. Leaving the page itself is
 * asked by the browser (beforeunload), and the draft stays in this browser either way.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from "react";
import { Button, Heading } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";
import { ModalDialog } from "../../app/ModalDialog";
import { infoDrafts, infoSavers } from "./drafts";

/** Resolves true when the operator may go on (nothing unsaved, saved, or discarded). */
type Confirm = (chatId: string | undefined) => Promise<boolean>;

/** The chat on screen whose info has unsaved changes, if any (only shown forms register a saver). */
const unsavedOnScreen = () => [...infoSavers.keys()].find((chatId) => infoDrafts.has(chatId));

const LeaveGuardContext = createContext<Confirm>(async () => true);

export const useLeaveGuard = () => useContext(LeaveGuardContext);

export function LeaveGuardProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<{
    chatId: string;
    answer: (proceed: boolean) => void;
  } | null>(null);
  const [saving, setSaving] = useState(false);

  const confirm = useCallback<Confirm>(async (chatId) => {
    if (!chatId || !infoDrafts.has(chatId)) return true;
    return new Promise((answer) => setAsking({ chatId, answer }));
  }, []);

  useBeforeUnloadWhileDrafts();
  useAskOnNavigation(confirm);

  function finish(proceed: boolean) {
    asking?.answer(proceed);
    setAsking(null);
  }

  async function save() {
    if (!asking) return;
    const saver = infoSavers.get(asking.chatId);
    setSaving(true);
    // A refused save (a conflict, a field) stays on the form for the operator to see.
    const saved = saver ? await saver() : false;
    setSaving(false);
    finish(saved);
  }

  return (
    <LeaveGuardContext value={confirm}>
      {children}
      {asking && (
        <ModalDialog role="alertdialog" onClose={() => finish(false)}>
          <Heading slot="title">{t("unsaved.title")}</Heading>
          <p>{t("unsaved.text")}</p>
          <div className="dialog-buttons">
            <Button autoFocus onPress={() => finish(false)}>
              {t("unsaved.stay")}
            </Button>
            <Button
              className="danger"
              onPress={() => {
                infoDrafts.drop(asking.chatId);
                finish(true);
              }}
            >
              {t("unsaved.discard")}
            </Button>
            <Button className="primary" isDisabled={saving} onPress={save}>
              {t("unsaved.save")}
            </Button>
          </div>
        </ModalDialog>
      )}
    </LeaveGuardContext>
  );
}

/** A link, the back button or any navigation to another screen while a chat on screen has unsaved
 *  info asks first. The workspace's own moves (switching chats, End) have asked already and find
 *  nothing unsaved by the time they navigate. */
function useAskOnNavigation(confirm: Confirm) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      currentLocation.pathname !== nextLocation.pathname && unsavedOnScreen() !== undefined,
  );
  // Asked once per blocked navigation, told apart by where it was going: two blocks in a row
  // (Stay, then at once the back button) can render as one "blocked" state.
  const blockedTo = blocker.state === "blocked" ? blocker.location : undefined;
  const current = useRef(blocker);
  current.current = blocker;
  useEffect(() => {
    if (!blockedTo) return;
    confirm(unsavedOnScreen()).then((proceed) =>
      proceed ? current.current.proceed?.() : current.current.reset?.(),
    );
  }, [blockedTo, confirm]);
}

/** While a chat on screen has unsaved info, leaving or reloading the page asks first. */
function useBeforeUnloadWhileDrafts() {
  useEffect(() => {
    const ask = (event: BeforeUnloadEvent) => {
      if (unsavedOnScreen()) event.preventDefault();
    };
    addEventListener("beforeunload", ask);
    return () => removeEventListener("beforeunload", ask);
  }, []);
}
