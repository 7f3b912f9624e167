import { render } from "preact";
import { App } from "./App";
import { askToClose, language } from "./embedding";
import { catalogs } from "./i18n";
import { TextContext } from "./text";
import "./styles.css";

document.documentElement.lang = language;
// The embed code's colour, if the browser takes it as one.
const color = new URLSearchParams(location.search).get("color");
if (color && CSS.supports("color", color)) {
  document.documentElement.style.setProperty("--brand", color);
  document.documentElement.style.setProperty(
    "--brand-dark",
    `color-mix(in srgb, ${color}, #000 20%)`,
  );
}
document.title = catalogs[language].title;
addEventListener("keydown", (event) => {
  if (event.key === "Escape") askToClose();
});

render(
  <TextContext.Provider value={catalogs[language]}>
    <App />
  </TextContext.Provider>,
  document.body,
);
