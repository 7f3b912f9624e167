import { useState } from "react";
import {
  Button,
  Collection,
  type Key,
  Tree,
  TreeItem,
  TreeItemContent,
  useDragAndDrop,
} from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { MoveProcessingTypeBody } from "../../shared/categories";
import type { TypeNode } from "./api";
import type { Editing } from "./CategoriesScreen";
import { CategoryMenu } from "./CategoryMenu";

export type Move = { id: string } & MoveProcessingTypeBody;

/**
 * The tree, reordered by dragging a row's handle, or by the keyboard: Enter on the handle picks
 * the category up, the arrow keys choose where it goes (between rows, or onto a row to go under
 * it), Enter puts it there, Escape cancels. The row's menu does the rest, Move up and down too.
 */
export function CategoryTree(props: {
  roots: TypeNode[];
  nameOf: (type: TypeNode) => string;
  onEdit: (editing: Editing) => void;
  onMove: (move: Move) => void;
  onSetRetired: (id: string, retired: boolean) => void;
}) {
  const { t } = useTranslation();
  const index = indexTree(props.roots);
  // Every category starts open: an administrator sees the whole tree at once.
  const [collapsed, setCollapsed] = useState<Set<Key>>(new Set());
  const expanded = new Set([...index.keys()].filter((id) => !collapsed.has(id)));

  const { dragAndDropHooks } = useDragAndDrop<TypeNode>({
    getItems: (keys) =>
      [...keys].map((key) => {
        const node = index.get(String(key));
        return { "text/plain": node ? props.nameOf(node) : "" };
      }),
    onMove(event) {
      const [key] = event.keys;
      const { target } = event;
      if (key === undefined || target.type !== "item") return;
      const move = placeOf(index, String(key), String(target.key), target.dropPosition);
      if (move) props.onMove(move);
    },
  });

  const siblingsOf = (node: TypeNode) =>
    node.parentId ? (index.get(node.parentId)?.children ?? []) : props.roots;

  const row = (node: TypeNode) => {
    const siblings = siblingsOf(node);
    const at = siblings.indexOf(node);
    const parentRetired = node.parentId ? index.get(node.parentId)?.retired : false;
    const name = props.nameOf(node);
    return (
      <TreeItem
        key={node.id}
        id={node.id}
        textValue={name}
        className={node.retired ? "category retired" : "category"}
      >
        <TreeItemContent>
          {({ hasChildItems, isExpanded }) => (
            <div className="category-row" style={{ paddingInlineStart: (node.depth - 1) * 24 }}>
              <Button slot="drag" className="category-handle" aria-label={t("categories.drag")}>
                <span aria-hidden>⠿</span>
              </Button>
              {hasChildItems ? (
                <Button slot="chevron" className="category-chevron">
                  <span className={isExpanded ? "chevron" : "chevron closed"} aria-hidden />
                </Button>
              ) : (
                <span className="category-chevron" aria-hidden />
              )}
              <span className="category-name" title={name}>
                {name}
              </span>
              {node.retired && <span className="category-tag">{t("categories.retired")}</span>}
              <CategoryMenu
                node={node}
                name={name}
                at={at}
                last={at === siblings.length - 1}
                parentRetired={Boolean(parentRetired)}
                onEdit={props.onEdit}
                onMove={props.onMove}
                onSetRetired={props.onSetRetired}
              />
            </div>
          )}
        </TreeItemContent>
        <Collection items={node.children}>{row}</Collection>
      </TreeItem>
    );
  };

  return (
    <Tree
      className="category-tree"
      aria-label={t("categories.title")}
      items={props.roots}
      expandedKeys={expanded}
      onExpandedChange={(keys) =>
        setCollapsed(new Set([...index.keys()].filter((id) => !keys.has(id))))
      }
      dragAndDropHooks={dragAndDropHooks}
      renderEmptyState={() => (
        <div className="categories-empty">
          <p>{t("categories.empty")}</p>
          <p className="muted">{t("categories.emptyHint")}</p>
        </div>
      )}
    >
      {row}
    </Tree>
  );
}

/** Every node by id. */
function indexTree(roots: TypeNode[]): Map<string, TypeNode> {
  const index = new Map<string, TypeNode>();
  const visit = (nodes: TypeNode[]) => {
    for (const node of nodes) {
      index.set(node.id, node);
      visit(node.children);
    }
  };
  visit(roots);
  return index;
}

/** A drop as the server's place: onto a row goes last under it; before or after a row goes
 *  beside it, at its index among the siblings the moved one is not counted in. */
function placeOf(
  index: Map<string, TypeNode>,
  id: string,
  targetId: string,
  position: "before" | "after" | "on",
): Move | null {
  const target = index.get(targetId);
  if (!target || targetId === id) return null;
  if (position === "on") {
    return { id, parentId: target.id, index: target.children.length };
  }
  const siblings = target.parentId
    ? (index.get(target.parentId)?.children ?? [])
    : [...index.values()].filter((node) => node.parentId === null);
  const others = siblings.filter((node) => node.id !== id);
  const at = others.indexOf(target) + (position === "after" ? 1 : 0);
  return { id, parentId: target.parentId, index: at };
}
