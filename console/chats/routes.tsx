import type { RouteObject } from "react-router";
import { useParams } from "react-router";
import { ChatPane } from "./ChatPane";
import { NoChatChosen, WorkspaceScreen } from "./WorkspaceScreen";

/** The chat workspace is the console's home; a chat opened in it has its own URL, so a reload
 *  or a link shows that chat. */
export const chatRoutes: RouteObject[] = [
  {
    element: <WorkspaceScreen />,
    children: [
      { index: true, element: <NoChatChosen /> },
      { path: "chats/:chatId", element: <ChatRoute /> },
    ],
  },
];

function ChatRoute() {
  const { chatId = "" } = useParams();
  // A new pane per chat: its draft, scroll position and typing signal belong to one chat.
  return <ChatPane key={chatId} chatId={chatId} />;
}
