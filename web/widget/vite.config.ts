import path from "node:path";
import { defineConfig } from "vite";

const root = import.meta.dirname;
const outDir = path.join(root, "../dist/widget");

/**
 * The chat widget's own build (issue #22), apart from the web app: it must stay small and must
 * not share a byte with the React app. Two modes, run one after the other by `npm run build`:
 * - `--mode loader`: `widget.js`, the script host sites embed. One classic script (IIFE, no
 *   imports), because a host page loads it with a plain `<script async>`.
 * - `--mode frame`: `frame.html` and its hashed assets, the chat inside the iframe, served from
 *   /widget/ by server/src/modules/chat/assets/.
 * The loader empties the output folder first; the frame build then adds to it.
 */
export default defineConfig(({ mode }) =>
  mode === "loader"
    ? {
        root,
        publicDir: false,
        build: {
          outDir,
          emptyOutDir: true,
          target: "es2020",
          lib: {
            entry: path.join(root, "loader/loader.ts"),
            name: "RapportWidgetLoader",
            formats: ["iife"],
            fileName: () => "widget.js",
          },
        },
      }
    : {
        root,
        base: "/widget/",
        publicDir: false,
        build: {
          outDir,
          emptyOutDir: false,
          target: "es2020",
          rolldownOptions: { input: { frame: path.join(root, "frame.html") } },
        },
      },
);
