import type { RefObject } from "preact";
import { useEffect } from "preact/hooks";
import { onShown } from "./embedding";

/** Puts the keyboard on a screen's main control when it appears and whenever the widget is
 *  reopened, so keyboard and screen-reader users land where they can act. */
export function useFocusWhenShown(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    ref.current?.focus();
    return onShown(() => ref.current?.focus());
  }, [ref]);
}
