/**
 * Asks before unsaved customer or inquiry info is left behind (switching chats, ending,
 * transferring): save, discard, or stay. Leaving the page itself is asked by the browser
 * (beforeunload), and the draft stays in this browser either way.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { Button, Heading } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { ModalDialog } from "../../app/ModalDialog";
import { infoDrafts, infoSavers } from "./drafts";

/** Resolves true when the operator may go on (nothing unsaved, saved, or discarded). */
type Confirm = (chatId: string | undefined) => Promise<boolean>;

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

/** While a chat on screen has unsaved info, leaving or reloading the page asks first. */
function useBeforeUnloadWhileDrafts() {
  useEffect(() => {
    const ask = (event: BeforeUnloadEvent) => {
      if ([...infoSavers.keys()].some((chatId) => infoDrafts.has(chatId))) event.preventDefault();
    };
    addEventListener("beforeunload", ask);
    return () => removeEventListener("beforeunload", ask);
  }, []);
}
