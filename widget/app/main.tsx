import { render } from "preact";
import { App } from "./App";
import { askToClose, language } from "./embedding";
import { catalogs } from "./i18n";
import { TextContext } from "./text";
import "./styles.css";

document.documentElement.lang = language;
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
