// Run by scripts/build.mjs once the server and the plugins are built: each plugin of the repo's plugins/
// folder is loaded once, in a loader thread, and what it contributes is written beside the build
// (plugins/descriptions.ts). The first start after a build then runs no plugin code to learn it: that
// took ~2.5 s of the first `pnpm start` here. Plugins named only by DONDOC_PLUGINS are still described
// by the start that first meets them.
//   node apps/server/dist/describe-plugins.mjs [folder]   (default: the build folder it sits in)
import { DEFAULT_PLUGINS_DIR, PluginHost } from './plugins/host.ts';

const host = await PluginHost.load({ pluginsDir: DEFAULT_PLUGINS_DIR, ...(process.argv[2] ? { descriptionsDir: process.argv[2] } : {}), log: () => {} });
await host.close();
const loaded = host.plugins.filter((p) => p.state === 'loaded').length;
console.log(`[dondoc] plugin: đã mô tả ${loaded}/${host.plugins.length} / described ${loaded} of ${host.plugins.length}`);
