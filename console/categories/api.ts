/** The processing-type tree of a service, from the server, and the administrators' changes to
 *  it; every change reloads the tree, so the screen shows the order the server decided. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type {
  CreateProcessingTypeBody,
  MoveProcessingTypeBody,
  ProcessingType,
  ProcessingTypeListResponse,
  ProcessingTypeNames,
} from "../../shared/categories";
import type { Language } from "../../shared/domain";
import { jsonBody, requestJson } from "../../shared/http";

const path = (serviceId: string) => `/api/services/${serviceId}/processing-types`;

export function useProcessingTypes(serviceId: string) {
  return useQuery({
    queryKey: ["processing-types", serviceId],
    queryFn: () => requestJson<ProcessingTypeListResponse>(path(serviceId)),
  });
}

/** One kind of change to one service's tree. */
function useTreeChange<Input>(serviceId: string, send: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["processing-types", serviceId] }),
  });
}

export function useTreeChanges(serviceId: string) {
  const base = path(serviceId);
  return {
    create: useTreeChange(serviceId, (body: CreateProcessingTypeBody) =>
      requestJson(base, jsonBody("POST", body)),
    ),
    rename: useTreeChange(serviceId, (input: { id: string; names: ProcessingTypeNames }) =>
      requestJson(`${base}/${input.id}`, jsonBody("PATCH", { names: input.names })),
    ),
    move: useTreeChange(serviceId, (input: { id: string } & MoveProcessingTypeBody) =>
      requestJson(
        `${base}/${input.id}/place`,
        jsonBody("PUT", { parentId: input.parentId, index: input.index }),
      ),
    ),
    setRetired: useTreeChange(serviceId, (input: { id: string; retired: boolean }) =>
      requestJson(`${base}/${input.id}/retired`, jsonBody("PUT", { retired: input.retired })),
    ),
    remove: useTreeChange(serviceId, (id: string) =>
      requestJson(`${base}/${id}`, { method: "DELETE" }),
    ),
  };
}

/** A type's name for the reader: in the UI language, else the service's default, else any. */
export function useTypeName(defaultLanguage: Language) {
  const { i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? i18n.language) as Language;
  return (type: ProcessingType) =>
    type.names[language] ?? type.names[defaultLanguage] ?? Object.values(type.names)[0] ?? "";
}

/** A tree node for the Tree collection: the type with its children, in order. */
export interface TypeNode extends ProcessingType {
  children: TypeNode[];
}

/** The server's flat list (parents first, siblings in order) as nested nodes. */
export function nest(types: ProcessingType[]): TypeNode[] {
  const nodes = new Map<string, TypeNode>();
  const roots: TypeNode[] = [];
  for (const type of types) {
    const node: TypeNode = { ...type, children: [] };
    nodes.set(type.id, node);
    const parent = type.parentId ? nodes.get(type.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
