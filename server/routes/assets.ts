import * as fs from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** Read once at start: the console's stylesheet, served as a file because the CSP forbids inline styles. */
const CONSOLE_CSS = fs.readFileSync(new URL('../assets/console.css', import.meta.url), 'utf8');
const CONSOLE_JS = fs.readFileSync(new URL('../assets/console.js', import.meta.url), 'utf8');

export const assetRoutes = new Hono<AppEnv>()
  .get('/assets/console.css', (c) => c.body(CONSOLE_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }))
  .get('/assets/console.js', (c) => c.body(CONSOLE_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' }));
