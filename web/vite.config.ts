import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = import.meta.dirname;

// One config for both builds: the client build (manifest + hashed assets) and the SSR build
// (`--ssr src/entry-server.tsx --outDir dist/server`) used by server/src/platform/web.ts.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: path.join(root, "dist/client"),
    emptyOutDir: true,
    manifest: true,
  },
  server: {
    // The contracts folder sits outside web/; Vite must be allowed to serve it in dev.
    fs: { allow: [path.resolve(root, "..")] },
  },
});
