import { useState } from "react";
import { Button, ToggleButton } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { notificationPermission, soundSetting, useMuted } from "./notifications";

/** The workspace's sound switch (remembered in this browser) and, until the browser has an answer,
 *  the button that asks for desktop notifications: asked only when the operator presses it. */
export function NotificationControls() {
  const { t } = useTranslation();
  const muted = useMuted();
  const [permission, setPermission] = useState(notificationPermission);
  return (
    <>
      <ToggleButton
        className="sound-toggle"
        isSelected={!muted}
        onChange={(on) => soundSetting.setMuted(!on)}
      >
        {t("notify.sound")}
      </ToggleButton>
      {permission === "default" && (
        <Button
          className="allow-notifications"
          onPress={async () => setPermission(await Notification.requestPermission())}
        >
          {t("notify.allow")}
        </Button>
      )}
      {permission === "denied" && (
        <span className="notifications-denied" title={t("notify.denied")}>
          {t("notify.blocked")}
        </span>
      )}
    </>
  );
}
