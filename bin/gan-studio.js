#!/usr/bin/env node
// The `gan-studio` command: runs the TypeScript CLI through tsx, so there is no build step between a clone and
// a working command line.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');
