/** The part of the WebAssembly global that the server uses: Node has all of it, but @types/node 20
 *  leaves its types to TypeScript's DOM library, which the server does not include. */
declare namespace WebAssembly {
  type Module = object;
  function compile(bytes: Uint8Array): Promise<Module>;
}
