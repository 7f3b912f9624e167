import "./categories.css";
import { useState } from "react";
import { Button } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ServiceSummary } from "../../shared/api";
import { useServerErrors } from "../app/forms";
import { loadFailedKey } from "../app/load-failed";
import { nest, type TypeNode, useProcessingTypes, useTreeChanges, useTypeName } from "./api";
import { CategoryTree } from "./CategoryTree";
import { DeleteDialog } from "./DeleteDialog";
import { NameDialog } from "./NameDialog";

/** What the administrator is doing in a dialog: adding (at the top or under a category),
 *  renaming, or deleting. */
export type Editing =
  | { kind: "add"; parent: TypeNode | null }
  | { kind: "rename"; type: TypeNode }
  | { kind: "delete"; type: TypeNode };

/** Category management (PRODUCT.md): the service's processing-type tree, 1 to 3 levels, that
 *  operators classify chats by. */
export function CategoriesScreen({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const types = useProcessingTypes(service.id);
  const changes = useTreeChanges(service.id);
  const nameOf = useTypeName(service.defaultLanguage);
  const [editing, setEditing] = useState<Editing | null>(null);
  // A move, retirement or restoration refused by the server, said above the tree.
  const treeError = useServerErrors(changes.move.error ?? changes.setRetired.error);

  const close = () => {
    setEditing(null);
    changes.create.reset();
    changes.rename.reset();
    changes.remove.reset();
  };

  return (
    <section className="admin-screen categories" aria-labelledby="categories-title">
      <div className="categories-head">
        <div>
          <h2 id="categories-title">{t("categories.title")}</h2>
          <p className="lead">{t("categories.lead")}</p>
        </div>
        <Button className="primary" onPress={() => setEditing({ kind: "add", parent: null })}>
          {t("categories.add")}
        </Button>
      </div>
      {(treeError.form ?? Object.values(treeError.fields)[0]) && (
        <p role="alert" className="categories-problem">
          {treeError.form ?? Object.values(treeError.fields)[0]}
        </p>
      )}
      {types.isPending ? (
        <p className="muted">{t("app.loading")}</p>
      ) : types.isError ? (
        <p role="alert" className="problem">
          {t(loadFailedKey(types.error))}
        </p>
      ) : (
        <CategoryTree
          roots={nest(types.data.processingTypes)}
          nameOf={nameOf}
          onEdit={(next) => {
            changes.move.reset();
            changes.setRetired.reset();
            setEditing(next);
          }}
          onMove={(move) => {
            changes.setRetired.reset();
            changes.move.mutate(move);
          }}
          onSetRetired={(id, retired) => {
            changes.move.reset();
            changes.setRetired.mutate({ id, retired });
          }}
        />
      )}
      <p className="muted categories-help">{t("categories.help")}</p>
      {editing?.kind === "add" && (
        <NameDialog
          title={editing.parent ? t("categories.addUnder") : t("categories.add")}
          place={
            editing.parent
              ? t("categories.under", { name: nameOf(editing.parent) })
              : t("categories.topLevel")
          }
          defaultLanguage={service.defaultLanguage}
          names={{}}
          saving={changes.create.isPending}
          error={changes.create.error}
          onSave={(names) =>
            changes.create.mutate(
              { parentId: editing.parent?.id ?? null, names },
              { onSuccess: close },
            )
          }
          onClose={close}
        />
      )}
      {editing?.kind === "rename" && (
        <NameDialog
          title={t("categories.rename")}
          defaultLanguage={service.defaultLanguage}
          names={editing.type.names}
          saving={changes.rename.isPending}
          error={changes.rename.error}
          onSave={(names) =>
            changes.rename.mutate({ id: editing.type.id, names }, { onSuccess: close })
          }
          onClose={close}
        />
      )}
      {editing?.kind === "delete" && (
        <DeleteDialog
          name={nameOf(editing.type)}
          hasChildren={editing.type.children.length > 0}
          deleting={changes.remove.isPending}
          error={changes.remove.error}
          onDelete={() => changes.remove.mutate(editing.type.id, { onSuccess: close })}
          onClose={close}
        />
      )}
    </section>
  );
}
