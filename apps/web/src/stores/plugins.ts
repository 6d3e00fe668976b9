// Plugins as the server reports them (loaded and failed); the export menu reads exporters here.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PluginInfo } from '@dondoc/shared/plugin';
import * as api from '../api/client.ts';

export interface ExporterEntry {
  plugin: string;
  id: string;
  label: string;
  extension: string;
}

/** The id the API addresses a plugin by: `@dondoc/plugin-export-csv` → `export-csv`. */
export const pluginId = (name: string): string => name.replace(/^@dondoc\/plugin-/, '');

export const usePluginStore = defineStore('plugins', () => {
  const plugins = ref<PluginInfo[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  const exporters = computed<ExporterEntry[]>(() =>
    plugins.value
      .filter((p) => p.state === 'loaded')
      .flatMap((p) => p.exporters.map((e) => ({ plugin: pluginId(p.name), id: e.id, label: e.label, extension: e.extension }))),
  );

  async function load(force = false): Promise<void> {
    if (loaded.value && !force) return;
    error.value = null;
    try {
      plugins.value = await api.listPlugins();
      loaded.value = true;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  return { plugins, exporters, loaded, error, load };
});
