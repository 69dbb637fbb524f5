import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = import.meta.dirname;
const CONTRACT = /[\\/]contracts[\\/][\w-]+\.ts$/;

// One config for both builds: the client build (manifest + hashed assets) and the SSR build
// (`--ssr src/entry-server.tsx --outDir dist/server`) used by server/src/platform/web.ts.
export default defineConfig(({ isSsrBuild }) => ({
  root,
  plugins: [react()],
  build: {
    outDir: path.join(root, "dist/client"),
    emptyOutDir: true,
    manifest: true,
    rolldownOptions: {
      // The contracts build schemas at module top level (`export const x = z.object(...)`); a
      // call looks like a side effect, so every schema of a contract file shipped with any page
      // that used one of them. Declaring zod's builders pure lets unused schemas be dropped.
      treeshake: { manualPureFunctions: ["z"] },
      // The server-rendering bundle imports the contracts from their source, as the server
      // does, so there is one instance of each schema. A bundled copy registered every schema
      // id (`.meta({ id })`) a second time in zod's registry, which is one per process
      // (globalThis), and the OpenAPI document then failed with "Duplicate schema id".
      ...(isSsrBuild ? { external: [CONTRACT] } : {}),
      output: {
        // web/dist/server/entry-server.js → <repo>/contracts/<name>.ts
        ...(isSsrBuild
          ? { paths: (id: string) => (CONTRACT.test(id) ? `../../../contracts/${path.basename(id)}` : id) }
          : {}),
        // The entry carries every lazy chunk's file name (Vite's preload map, ~400 names), so
        // chunks are named by their hash alone: the readable names ("use-resolved-styles-api-")
        // cost 2.3 kB of the inbox's first load (measured with issue #22's screens merged), more
        // than the budget had left. Seven characters is the least rolldown accepts for this many
        // chunks; the manifest (.vite/manifest.json) still maps each source file to its chunk.
        ...(isSsrBuild ? {} : { chunkFileNames: "assets/[hash:7].js" }),
        // Pages are chunks of their own (routes/lazyPage.tsx). The libraries every signed-in
        // page needs travel as one file: as dozens of small shared chunks they gzipped ~15 kB
        // worse (each file compressed alone) and cost a request each.
        codeSplitting: {
          groups: [
            {
              name: "vendor",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next|zod)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    // The contracts folder sits outside web/; Vite must be allowed to serve it in dev.
    fs: { allow: [path.resolve(root, "..")] },
  },
}));
