// Bundles src/sw/service-worker.ts into one classic script (the browser's /sw.js).
// CLI:   node packages/sdk/scripts/build-sw.ts <out-file>        (default packages/web/dist/sw.js)
// Vite:  import { heraldServiceWorker } from "@herald/sdk/build-sw"; plugins: [heraldServiceWorker()]
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "vite";

const ENTRY = fileURLToPath(new URL("../src/sw/service-worker.ts", import.meta.url));

/** Builds the service worker and returns its source; writes it to outFile when given. */
export async function buildServiceWorker(outFile?: string): Promise<string> {
  const outDir = outFile ? dirname(resolve(outFile)) : await mkdtemp(join(tmpdir(), "herald-sw-"));
  const fileName = outFile ? resolve(outFile).slice(outDir.length + 1) : "sw.js";
  await build({
    configFile: false,
    logLevel: "warn",
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      minify: true,
      sourcemap: false,
      lib: { entry: ENTRY, formats: ["iife"], name: "HeraldServiceWorker", fileName: () => fileName },
    },
  });
  const code = await readFile(join(outDir, fileName), "utf8");
  if (!outFile) await rm(outDir, { recursive: true, force: true });
  return code;
}

/** Vite plugin: serves /sw.js in dev and writes it next to the app in `vite build`. */
export function heraldServiceWorker(): Plugin {
  let outDir = "dist";
  let command = "build";
  return {
    name: "herald-service-worker",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      command = config.command;
    },
    configureServer(server) {
      let cached: Promise<string> | null = null;
      server.middlewares.use((req, res, next) => {
        if (req.url?.split("?")[0] !== "/sw.js") return next();
        cached ??= buildServiceWorker();
        cached.then(
          (code) => {
            res.setHeader("content-type", "text/javascript");
            res.end(code);
          },
          (err: unknown) => {
            cached = null;
            res.statusCode = 500;
            res.end(String(err));
          },
        );
      });
    },
    async closeBundle() {
      if (command === "build") await buildServiceWorker(join(outDir, "sw.js"));
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? fileURLToPath(new URL("../../web/dist/sw.js", import.meta.url));
  const code = await buildServiceWorker(out);
  console.log(`herald: wrote ${out} (${code.length} bytes)`);
}
