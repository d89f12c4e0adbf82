// Vite's emptyOutDir removes dist/.gitkeep; the Go embed (frontend/embed.go,
// //go:embed all:dist) and git need it, so put it back after every build.
import { writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const keep = fileURLToPath(new URL('../dist/.gitkeep', import.meta.url));
if (!existsSync(keep)) writeFileSync(keep, '');
