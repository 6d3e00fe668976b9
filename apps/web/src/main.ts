// Entry point: Pinia, the router and i18n around the app shell.
import './lib/zod-jitless.ts';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { makeRouter } from './router.ts';
import { i18n } from './i18n/index.ts';
import './styles/global.css';

document.documentElement.lang = i18n.global.locale.value;
createApp(App).use(createPinia()).use(makeRouter()).use(i18n).mount('#app');
