import type { ParseKeys } from "i18next";
import { Button, Menu, MenuItem, MenuTrigger, Popover } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { TypeNode } from "./api";
import type { Editing } from "./CategoriesScreen";
import type { Move } from "./CategoryTree";

type Action = "add" | "rename" | "up" | "down" | "retire" | "restore" | "delete";

/** A category's actions, from its row's ⋯ button. Add subcategory is offered at the third level
 *  too: the server says why it cannot go deeper. Move up and down are the plain keyboard way to
 *  reorder among siblings. */
export function CategoryMenu(props: {
  node: TypeNode;
  name: string;
  /** Its index among its siblings, and whether it is the last. */
  at: number;
  last: boolean;
  parentRetired: boolean;
  onEdit: (editing: Editing) => void;
  onMove: (move: Move) => void;
  onSetRetired: (id: string, retired: boolean) => void;
}) {
  const { t } = useTranslation();
  const { node } = props;
  const actions: { id: Action; label: ParseKeys; className?: string }[] = [
    { id: "add", label: "categories.addUnder" },
    { id: "rename", label: "categories.rename" },
    { id: "up", label: "categories.moveUp" },
    { id: "down", label: "categories.moveDown" },
    node.retired
      ? { id: "restore", label: "categories.restore" }
      : { id: "retire", label: "categories.retire" },
    { id: "delete", label: "categories.delete", className: "danger-option" },
  ];
  const disabled: Action[] = [
    ...(props.at === 0 ? (["up"] as const) : []),
    ...(props.last ? (["down"] as const) : []),
    // A category under a retired one comes back only with it.
    ...(props.parentRetired ? (["restore"] as const) : []),
  ];
  const act = (action: Action) => {
    switch (action) {
      case "add":
        return props.onEdit({ kind: "add", parent: node });
      case "rename":
        return props.onEdit({ kind: "rename", type: node });
      case "up":
      case "down":
        return props.onMove({
          id: node.id,
          parentId: node.parentId,
          index: action === "up" ? props.at - 1 : props.at + 1,
        });
      case "retire":
      case "restore":
        return props.onSetRetired(node.id, action === "retire");
      case "delete":
        return props.onEdit({ kind: "delete", type: node });
    }
  };
  return (
    <MenuTrigger>
      <Button
        className="category-actions"
        aria-label={t("categories.actions", { name: props.name })}
      >
        <span aria-hidden>⋯</span>
      </Button>
      <Popover className="popover" placement="bottom end">
        <Menu
          className="options"
          items={actions}
          disabledKeys={disabled}
          onAction={(action) => act(action as Action)}
        >
          {(action) => (
            <MenuItem id={action.id} className={`option ${action.className ?? ""}`}>
              {t(action.label)}
            </MenuItem>
          )}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
