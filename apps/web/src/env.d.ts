// Lets TypeScript import .vue single-file components (vue-tsc checks their bodies).
/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

